package dev.pulse.source;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter: the n-th wait in a row is a random duration between half and all of
 * {@code min(max, initial × 2ⁿ)}, so that replicas and clients cut off together do not reconnect together. A connection
 * that delivers data resets it. Not Mutiny's {@code retry().withBackOff()}: a session's status shows when the next try
 * comes ({@code nextRetryAt}), and Mutiny's back-off does not tell.
 */
public final class ExponentialBackoff implements Backoff {

    private final Duration initial;
    private final Duration max;
    private int attempts;

    public ExponentialBackoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max.compareTo(initial) < 0 ? initial : max;
    }

    /** The wait before the next try, whatever the failure. */
    @Override
    public synchronized Duration next(Throwable failure) {
        Duration ceiling = ceiling(attempts++);
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling.toNanos() / 2, ceiling.toNanos() + 1));
    }

    @Override
    public synchronized void reset() {
        attempts = 0;
    }

    /** The longest wait of the n-th try in a row. */
    Duration ceiling(int n) {
        Duration wait = initial;
        for (int i = 0; i < n && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
