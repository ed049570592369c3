package dev.pulse.x;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of the X stream publisher, for {@code GET /x/stream} and as {@code pulse_x_*} metrics.
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
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    XStats(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("pulse.x.backoff.seconds", backoffMillis, v -> v.get() / 1000.0);
    }

    void received() {
        received.incrementAndGet();
        count("pulse.x.received", null, null);
    }

    void published() {
        published.incrementAndGet();
        count("pulse.x.published", null, null);
    }

    void malformed() {
        malformed.incrementAndGet();
        count("pulse.x.malformed", null, null);
    }

    void duplicate() {
        duplicates.incrementAndGet();
        count("pulse.x.duplicates", null, null);
    }

    void error(String type) {
        count("pulse.x.errors", "type", type);
    }

    void reconnect(String cause) {
        reconnects.incrementAndGet();
        count("pulse.x.reconnects", "cause", cause);
    }

    private void count(String name, String tag, String value) {
        String key = tag == null ? name : name + '|' + value;
        counters.computeIfAbsent(key, k -> {
            Counter.Builder builder = Counter.builder(name);
            if (tag != null) {
                builder.tag(tag, value);
            }
            return builder.register(registry);
        }).increment();
    }
}
