package dev.pulse.x;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of the X stream publisher, for {@code GET /x/stream} and as {@code pulse_x_*} metrics. The per-post ones
 * are registered once; only the tagged ones (error type, reconnect cause) are looked up by tag.
 */
@Singleton
class XStats {

    final AtomicLong received = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong keepAlives = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong backoffMillis = new AtomicLong();
    private final MeterRegistry registry;
    private final Counter receivedCounter;
    private final Counter publishedCounter;
    private final Counter malformedCounter;
    private final Counter duplicatesCounter;
    private final ConcurrentMap<String, Counter> errors = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> causes = new ConcurrentHashMap<>();

    XStats(MeterRegistry registry) {
        this.registry = registry;
        this.receivedCounter = registry.counter("pulse.x.received");
        this.publishedCounter = registry.counter("pulse.x.published");
        this.malformedCounter = registry.counter("pulse.x.malformed");
        this.duplicatesCounter = registry.counter("pulse.x.duplicates");
        registry.gauge("pulse.x.backoff.seconds", backoffMillis, v -> v.get() / 1000.0);
    }

    void received() {
        received.incrementAndGet();
        receivedCounter.increment();
    }

    void published() {
        published.incrementAndGet();
        publishedCounter.increment();
    }

    void malformed() {
        malformed.incrementAndGet();
        malformedCounter.increment();
    }

    void duplicate() {
        duplicates.incrementAndGet();
        duplicatesCounter.increment();
    }

    void error(String type) {
        errors.computeIfAbsent(type, t -> registry.counter("pulse.x.errors", "type", t)).increment();
    }

    void reconnect(String cause) {
        reconnects.incrementAndGet();
        causes.computeIfAbsent(cause, c -> registry.counter("pulse.x.reconnects", "cause", c)).increment();
    }
}
