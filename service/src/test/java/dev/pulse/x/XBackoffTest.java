package dev.pulse.x;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/**
 * X's reconnect guidance with the contract's defaults.
 */
class XBackoffTest {

    private final Instant now = Instant.parse("2026-11-25T12:00:00Z");
    private final XBackoff backoff = new XBackoff(defaults(), Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void networkErrorsRetryAtOnceThenLinearlyUpTo16s() {
        XStreamException network = new XStreamException(XStreamException.Cause.NETWORK, "reset");
        assertEquals(Duration.ZERO, backoff.next(network));
        assertEquals(Duration.ofMillis(250), backoff.next(network));
        assertEquals(Duration.ofMillis(500), backoff.next(network));
        for (int i = 0; i < 100; i++) {
            backoff.next(network);
        }
        assertEquals(Duration.ofSeconds(16), backoff.next(network));
        backoff.reset();
        assertEquals(Duration.ZERO, backoff.next(network));
    }

    @Test
    void httpErrorsDoubleFrom5sTo320s() {
        XStreamException http = new XStreamException(XStreamException.Cause.HTTP, "503");
        assertEquals(Duration.ofSeconds(5), backoff.next(http));
        assertEquals(Duration.ofSeconds(10), backoff.next(http));
        assertEquals(Duration.ofSeconds(20), backoff.next(http));
        for (int i = 0; i < 10; i++) {
            backoff.next(http);
        }
        assertEquals(Duration.ofSeconds(320), backoff.next(http));
    }

    @Test
    void rateLimitStartsAtAMinuteAndNeverBeforeTheReset() {
        assertEquals(Duration.ofSeconds(60),
                backoff.next(new XStreamException(XStreamException.Cause.RATE_LIMIT, "429", null)));
        assertEquals(Duration.ofSeconds(120), backoff.next(new XStreamException(XStreamException.Cause.RATE_LIMIT, "429",
                now.plusSeconds(30))));
        assertEquals(Duration.ofSeconds(900), backoff.next(new XStreamException(XStreamException.Cause.RATE_LIMIT, "429",
                now.plusSeconds(900))));
    }

    @Test
    void aConnectionXStillHoldsBacksOffLikeTheRateLimitAndTheUsageCapNeverRetries() {
        assertEquals(Duration.ofSeconds(60), backoff.next(new XStreamException(
                XStreamException.Cause.TOO_MANY_CONNECTIONS, "429", null)));
        assertEquals(Duration.ofSeconds(300), backoff.next(new XStreamException(
                XStreamException.Cause.TOO_MANY_CONNECTIONS, "429", now.plusSeconds(300))));
        assertThrows(IllegalArgumentException.class, () -> backoff.next(new XStreamException(
                XStreamException.Cause.USAGE_CAPPED, "429", null)));
    }

    static XConfig.Backoff defaults() {
        return new XConfig.Backoff() {
            public Duration networkStep() {
                return Duration.ofMillis(250);
            }

            public Duration networkMax() {
                return Duration.ofSeconds(16);
            }

            public Duration httpInitial() {
                return Duration.ofSeconds(5);
            }

            public Duration httpMax() {
                return Duration.ofSeconds(320);
            }

            public Duration rateLimitInitial() {
                return Duration.ofSeconds(60);
            }
        };
    }
}
