package dev.pulse.messages;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * REST emit limits ({@code pulse.rest.*}).
 */
@ConfigMapping(prefix = "pulse.rest")
public interface RestConfig {

    /** Largest request body accepted by {@code POST /messages}; larger ones get 413. */
    @WithDefault("1M")
    MemorySize maxBytes();

    /** How long {@code POST /messages} waits for Kafka's acknowledgement before answering 503. */
    @WithDefault("10s")
    Duration timeout();
}
