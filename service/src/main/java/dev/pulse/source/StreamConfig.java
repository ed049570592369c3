package dev.pulse.source;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * The settings every live stream has, under its source's prefix ({@code pulse.x.*}, {@code pulse.bluesky.*}); each
 * source's {@code @ConfigMapping} extends it, so these defaults are written once.
 */
public interface StreamConfig {

    /** No data (not even a keep-alive or a pong) for this long: reconnect. */
    @WithDefault("30s")
    Duration stallTimeout();

    /** How many recent keys are remembered to drop what a reconnect, resume or backfill sends again. */
    @WithDefault("100000")
    int dedupWindow();

    /** The source's wellness check turns DOWN when a live stream has been without a working connection this long. */
    @WithDefault("5m")
    Duration maxDisconnected();

    Replay replay();

    interface Replay {
        /** NDJSON capture, one record a line, as the source sent them; unset: a bundled synthetic one. */
        Optional<String> file();

        /** Records per second; {@code 0} = as fast as Kafka acknowledges. */
        @WithDefault("50")
        double rate();
    }
}
