package dev.pulse.bluesky;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.pulse.source.StreamConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Bluesky Jetstream publisher ({@code pulse.bluesky.*}), writing events to the {@code bluesky} topic; the settings
 * every live stream has are {@link StreamConfig}'s.
 */
@ConfigMapping(prefix = "pulse.bluesky")
public interface BlueskyConfig extends StreamConfig {

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

    /** Largest event published (also Jetstream's {@code maxMessageSizeBytes}); larger ones are counted and skipped. */
    @WithDefault("1M")
    MemorySize maxMessageBytes();

    Backoff backoff();

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
}
