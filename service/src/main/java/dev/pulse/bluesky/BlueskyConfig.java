package dev.pulse.bluesky;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Bluesky Jetstream publisher ({@code pulse.bluesky.*}), writing events to the {@code bluesky} topic.
 */
@ConfigMapping(prefix = "pulse.bluesky")
public interface BlueskyConfig {

    /** {@code jetstream} (live), {@code replay} (a capture) or {@code off}. */
    @WithDefault("off")
    BlueskyMode stream();

    /** Jetstream endpoints, tried in turn: a failed connection moves on to the next. */
    @WithDefault("wss://jetstream2.us-east.bsky.network/subscribe,wss://jetstream1.us-east.bsky.network/subscribe,"
            + "wss://jetstream1.us-west.bsky.network/subscribe,wss://jetstream2.us-west.bsky.network/subscribe")
    List<URI> urls();

    /** Jetstream's {@code wantedCollections}: NSIDs, or prefixes such as {@code app.bsky.graph.*}. */
    @WithDefault("app.bsky.feed.post")
    List<String> collections();

    /** Jetstream's {@code wantedDids}: only these repositories; unset = all. */
    Optional<List<String>> dids();

    /** Event kinds published; the others are counted as skipped. */
    @WithDefault("commit")
    Set<Kind> kinds();

    /** On start and reconnect, resume from the newest {@code time_us} already in Kafka minus this. */
    @WithDefault("5s")
    Duration rewind();

    /** No frame and no pong for this long: reconnect. A ping goes out every quarter of it. */
    @WithDefault("30s")
    Duration stallTimeout();

    /** Largest event published (also Jetstream's {@code maxMessageSizeBytes}); larger ones are counted and skipped. */
    @WithDefault("1M")
    MemorySize maxMessageBytes();

    /** How many recent events are remembered to drop the ones a resume or reconnect brings again. */
    @WithDefault("100000")
    int dedupWindow();

    /** The {@code bluesky-stream} wellness check turns DOWN after this long without a working connection. */
    @WithDefault("5m")
    Duration maxDisconnected();

    Backoff backoff();

    Replay replay();

    /** Jetstream event kinds. */
    enum Kind {
        COMMIT,
        IDENTITY,
        ACCOUNT
    }

    interface Backoff {
        /** First wait after a failed connection; each failure in a row doubles it (with jitter). */
        @WithDefault("1s")
        Duration initial();

        @WithDefault("60s")
        Duration max();
    }

    interface Replay {
        /** NDJSON file of Jetstream events, one a line; unset: a bundled synthetic capture. */
        Optional<String> file();

        /** Events per second; {@code 0} = as fast as Kafka acknowledges. */
        @WithDefault("50")
        double rate();
    }
}
