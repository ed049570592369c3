package dev.pulse.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * Back-off: doubling up to the maximum, jittered within half of the ceiling, reset by a working connection.
 */
class ExponentialBackoffTest {

    private static final Throwable CUT = new IllegalStateException("the connection was cut");

    @Test
    void doublesUpToTheMaximum() {
        ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(1), backoff.ceiling(0));
        assertEquals(Duration.ofSeconds(2), backoff.ceiling(1));
        assertEquals(Duration.ofSeconds(4), backoff.ceiling(2));
        assertEquals(Duration.ofSeconds(5), backoff.ceiling(3));
        assertEquals(Duration.ofSeconds(5), backoff.ceiling(40));
    }

    @Test
    void eachWaitIsJitteredBetweenHalfAndAllOfItsCeilingAndResetStartsOver() {
        ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(10));
        for (int n = 0; n < 8; n++) {
            Duration wait = backoff.next(CUT);
            Duration ceiling = backoff.ceiling(n);
            assertTrue(wait.compareTo(ceiling) <= 0 && wait.compareTo(ceiling.dividedBy(2)) >= 0, n + ": " + wait);
        }
        backoff.reset();
        assertTrue(backoff.next(CUT).compareTo(Duration.ofMillis(100)) <= 0);
    }
}
