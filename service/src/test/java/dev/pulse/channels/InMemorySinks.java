package dev.pulse.channels;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.CDI;

import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;

/** The in-memory sinks of {@link InMemoryChannelsProfile}'s channels. */
final class InMemorySinks {

    private InMemorySinks() {
    }

    /** The sink of {@code channel}, emptied of what earlier tests put there. */
    static <T> InMemorySink<T> empty(String channel) {
        InMemorySink<T> sink = CDI.current().select(InMemoryConnector.class, Any.Literal.INSTANCE).get().sink(channel);
        sink.clear();
        return sink;
    }
}
