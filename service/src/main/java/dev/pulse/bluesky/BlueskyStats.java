package dev.pulse.bluesky;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import dev.pulse.kafka.FailureLogPace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of the Bluesky publisher, for {@code GET /bluesky/stream} and as {@code pulse_bluesky_*} metrics; the
 * per-event ones are metrics that read these fields, the skip reasons and reconnects are tagged counters.
 */
@Singleton
class BlueskyStats {

    final AtomicLong received = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    /** The newest {@code time_us} received: where a reconnect resumes (minus the rewind). */
    final AtomicLong cursor = new AtomicLong();
    final AtomicLong notPublished = new AtomicLong();
    final FailureLogPace failureLog = new FailureLogPace();
    final FailureLogPace skipLog = new FailureLogPace();
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> skips = new ConcurrentHashMap<>();

    BlueskyStats(MeterRegistry registry) {
        this.registry = registry;
        count("pulse.bluesky.received", received);
        count("pulse.bluesky.published", published);
        count("pulse.bluesky.duplicates", duplicates);
        count("pulse.bluesky.reconnects", reconnects);
        registry.gauge("pulse.bluesky.cursor.lag.seconds", cursor,
                c -> c.get() == 0 ? 0 : Math.max(0, System.currentTimeMillis() / 1000.0 - c.get() / 1e6));
    }

    /** Counts a skipped frame or event by why: {@code binary}, {@code oversized}, {@code not-json}, {@code kind}, ... */
    long skipped(String reason) {
        skips.computeIfAbsent(reason, r -> registry.counter("pulse.bluesky.skipped", "reason", r)).increment();
        return skipped.incrementAndGet();
    }

    void seen(long timeUs) {
        cursor.accumulateAndGet(timeUs, Math::max);
    }

    private void count(String name, AtomicLong value) {
        FunctionCounter.builder(name, value, AtomicLong::doubleValue).register(registry);
    }
}
