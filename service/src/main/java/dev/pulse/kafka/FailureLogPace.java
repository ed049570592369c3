package dev.pulse.kafka;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When to log a failed send: the first one, then at most one line per 10 s, so that a broker outage (every record of a
 * bulk run or a live stream failing) cannot flood the log.
 */
public final class FailureLogPace {

    private static final long EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final AtomicLong lastLogged = new AtomicLong();

    /** True when failure number {@code n} (counted from 1) should be logged. */
    public boolean due(long n) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        return (n == 1 || now - last >= EVERY_NANOS) && lastLogged.compareAndSet(last, now);
    }
}
