package dev.pulse.bluesky;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import dev.pulse.kafka.FailureLogPace;
import dev.pulse.source.SourceStats;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of the Bluesky publisher, for {@code GET /bluesky/stream} and as {@code pulse_bluesky_*} metrics; skipped
 * messages are counted by reason.
 */
@Singleton
class BlueskyStats extends SourceStats {

    final AtomicLong skipped = new AtomicLong();
    /** The newest {@code time_us} received: where a reconnect resumes (minus the rewind). */
    final AtomicLong cursor = new AtomicLong();
    final FailureLogPace skipLog = new FailureLogPace();

    BlueskyStats(MeterRegistry registry) {
        super(registry, "bluesky", "Bluesky", "events");
        count("reconnects", reconnects);
        gauge("cursor.lag.seconds", cursor,
                c -> c.get() == 0 ? 0 : Math.max(0, System.currentTimeMillis() / 1000.0 - c.get() / 1e6));
    }

    /** Counts a skipped frame or event by why: {@code binary}, {@code oversized}, {@code not-json}, {@code kind}, ... */
    long skipped(String reason) {
        increment("skipped", "reason", reason);
        return skipped.incrementAndGet();
    }

    void seen(long timeUs) {
        cursor.accumulateAndGet(timeUs, Math::max);
    }
}
