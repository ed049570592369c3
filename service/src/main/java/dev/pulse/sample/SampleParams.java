package dev.pulse.sample;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

import io.quarkus.runtime.configuration.DurationConverter;

/**
 * An emitter run's parameters as {@code POST /sample/start} takes them ({@code count}, {@code interval},
 * {@code resume}); a missing one is its {@code pulse.sample.*} setting, except {@code resume}, which is false.
 */
record SampleParams(OptionalLong count, Duration interval, boolean resume) {

    static final String COUNT = "count";
    static final String INTERVAL = "interval";
    static final String RESUME = "resume";

    /** Reads {@code params}; an {@link IllegalArgumentException} names a bad one. */
    static SampleParams parse(Map<String, String> params, SampleConfig config) {
        return new SampleParams(count(params.get(COUNT), config), interval(params.get(INTERVAL), config),
                resume(params.get(RESUME)));
    }

    private static OptionalLong count(String text, SampleConfig config) {
        if (text == null) {
            return config.count();
        }
        try {
            long count = Long.parseLong(text.trim());
            if (count >= 0) {
                return OptionalLong.of(count);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("count must be a whole number >= 0, not '" + text + "'");
    }

    private static Duration interval(String text, SampleConfig config) {
        if (text == null) {
            return config.interval();
        }
        try {
            Duration interval = DurationConverter.parseDuration(text.trim());
            if (interval != null && !interval.isNegative()) {
                return interval;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new IllegalArgumentException("interval must be a duration such as 5s, 250ms or PT1M, not '" + text + "'");
    }

    private static boolean resume(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        if ("true".equalsIgnoreCase(text.trim()) || "false".equalsIgnoreCase(text.trim())) {
            return Boolean.parseBoolean(text.trim());
        }
        throw new IllegalArgumentException("resume must be true or false, not '" + text + "'");
    }
}
