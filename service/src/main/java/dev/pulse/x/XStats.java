package dev.pulse.x;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import dev.pulse.source.SourceStats;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of the X stream publisher, for {@code GET /x/stream} and as {@code pulse_x_*} metrics; errors are counted by
 * type and reconnects by cause.
 */
@Singleton
class XStats extends SourceStats {

    final AtomicLong malformed = new AtomicLong();
    final AtomicLong keepAlives = new AtomicLong();

    XStats(MeterRegistry registry) {
        super(registry, "x", "X stream", "posts");
        count("malformed", malformed);
    }

    void error(String type) {
        increment("errors", "type", type);
    }

    /** Also counted by cause, {@code pulse_x_reconnects_total{cause}}. */
    @Override
    public void reconnect(Throwable failure) {
        super.reconnect(failure);
        if (failure instanceof XStreamException x) {
            increment("reconnects", "cause", x.kind().label());
        }
    }
}
