package dev.pulse.x;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import dev.pulse.source.Backoff;

/**
 * X's reconnect policy: network errors retry at once, then linearly; HTTP errors exponentially; 429 exponentially
 * from a minute and never before the rate-limit reset. A connection that delivers data resets it. One curve per cause
 * and the reset header are why this is not a library back-off (Mutiny's has one curve).
 */
final class XBackoff implements Backoff {

    private final XConfig.Backoff config;
    private final Clock clock;
    private final Map<XStreamException.Cause, Integer> attempts = new EnumMap<>(XStreamException.Cause.class);

    XBackoff(XConfig.Backoff config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** How long to wait before reconnecting after {@code failure}, an {@link XStreamException}. */
    @Override
    public synchronized Duration next(Throwable failure) {
        XStreamException x = (XStreamException) failure;
        int n = attempts.merge(x.kind(), 1, Integer::sum) - 1;
        return switch (x.kind()) {
            case NETWORK -> min(config.networkStep().multipliedBy(n), config.networkMax());
            case HTTP -> exponential(config.httpInitial(), n, config.httpMax());
            case RATE_LIMIT, TOO_MANY_CONNECTIONS -> {
                Duration wait = exponential(config.rateLimitInitial(), n, config.httpMax());
                Instant reset = x.notBefore();
                if (reset != null) {
                    Duration untilReset = Duration.between(clock.instant(), reset);
                    if (untilReset.compareTo(wait) > 0) {
                        wait = untilReset;
                    }
                }
                yield wait;
            }
            case AUTH, FORBIDDEN, USAGE_CAPPED -> throw new IllegalArgumentException("no retry after " + x.kind());
        };
    }

    @Override
    public synchronized void reset() {
        attempts.clear();
    }

    private static Duration exponential(Duration initial, int n, Duration max) {
        Duration wait = initial;
        for (int i = 0; i < n && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return min(wait, max.compareTo(initial) < 0 ? initial : max);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
