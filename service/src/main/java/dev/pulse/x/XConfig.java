package dev.pulse.x;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import dev.pulse.source.StreamConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.Secret;
import io.smallrye.config.WithDefault;

/**
 * The X stream publisher ({@code pulse.x.*}), writing posts to the {@code tweets} topic; the settings every live
 * stream has are {@link StreamConfig}'s.
 */
@ConfigMapping(prefix = "pulse.x")
public interface XConfig extends StreamConfig {

    /** {@code sample}, {@code filtered}, {@code replay} or {@code off}; unset: {@code sample} with a token, else off. */
    Optional<XMode> stream();

    /** App-only bearer token. A secret: never logged or shown. */
    Optional<Secret<String>> bearerToken();

    /** Longest stream line accepted; longer ones are counted as malformed and skipped. */
    @WithDefault("1M")
    MemorySize maxLineBytes();

    /**
     * On HTTP 429 {@code TooManyConnections} (X still holds a connection of this app, e.g. of a process that was killed),
     * close all of this app's stream connections through X's Connections API ({@code DELETE /2/connections/all}) once
     * before the next try. Off by default: it would also cut a stream that another program runs with the same app.
     */
    @WithDefault("false")
    boolean resetConnections();

    Backoff backoff();

    Record record();

    /** Filtered-stream rules reconciled at start: {@code pulse.x.rules[0].value}, {@code pulse.x.rules[0].tag}. */
    List<Rule> rules();

    /** Query parameters of the stream request ({@code tweet.fields}, {@code expansions}, ...). */
    Fields fields();

    interface Backoff {
        /** Linear step after TCP/IP errors; the first retry is immediate. */
        @WithDefault("250ms")
        Duration networkStep();

        @WithDefault("16s")
        Duration networkMax();

        /** Exponential back-off after HTTP errors. */
        @WithDefault("5s")
        Duration httpInitial();

        @WithDefault("320s")
        Duration httpMax();

        /** Exponential back-off after HTTP 429, never before {@code x-rate-limit-reset}. */
        @WithDefault("60s")
        Duration rateLimitInitial();
    }

    interface Record {
        /** Appends every raw line received live to this file, so a capture can be replayed later. */
        Optional<String> file();
    }

    interface Rule {
        String value();

        Optional<String> tag();
    }

    interface Fields {
        Optional<String> tweetFields();

        Optional<String> expansions();

        Optional<String> userFields();

        Optional<String> mediaFields();

        Optional<String> placeFields();

        Optional<String> pollFields();

        /** Minutes of posts to recover after a disconnect (1–5, Enterprise only). */
        OptionalInt backfillMinutes();
    }
}
