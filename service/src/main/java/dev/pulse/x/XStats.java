package dev.pulse.x;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import dev.pulse.kafka.FailureLogPace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of the X stream publisher, for {@code GET /x/stream} and as {@code pulse_x_*} metrics. The per-post ones
 * are metrics that read these fields (a meter call per post was ~40% of the producer's network thread in the X
 * ingest, JFR); only the tagged ones (error type, reconnect cause) are looked up by tag.
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
    /** Posts Kafka did not acknowledge, and when to log the next of them. */
    final AtomicLong notPublished = new AtomicLong();
    final FailureLogPace failureLog = new FailureLogPace();
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> errors = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> causes = new ConcurrentHashMap<>();

    XStats(MeterRegistry registry) {
        this.registry = registry;
        count("pulse.x.received", received);
        count("pulse.x.published", published);
        count("pulse.x.malformed", malformed);
        count("pulse.x.duplicates", duplicates);
        registry.gauge("pulse.x.backoff.seconds", backoffMillis, v -> v.get() / 1000.0);
    }

    void received() {
        received.incrementAndGet();
    }

    void published() {
        published.incrementAndGet();
    }

    void malformed() {
        malformed.incrementAndGet();
    }

    void duplicate() {
        duplicates.incrementAndGet();
    }

    /** A counter metric that reads {@code value} when scraped. */
    private void count(String name, AtomicLong value) {
        FunctionCounter.builder(name, value, AtomicLong::doubleValue).register(registry);
    }

    void error(String type) {
        errors.computeIfAbsent(type, t -> registry.counter("pulse.x.errors", "type", t)).increment();
    }

    void reconnect(String cause) {
        reconnects.incrementAndGet();
        causes.computeIfAbsent(cause, c -> registry.counter("pulse.x.reconnects", "cause", c)).increment();
    }
}
