package dev.pulse.devbroker.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Build-time settings of the in-JVM Kafka broker that Pulse starts in dev and test mode.
 */
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
@ConfigMapping(prefix = "quarkus.pulse.dev-broker")
public interface DevBrokerConfig {

    /**
     * Start the in-JVM broker when {@code kafka.bootstrap.servers} is not set.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Loopback port of the broker's client listener; {@code 0} picks a free one.
     */
    @WithDefault("0")
    int port();

    /**
     * Default partition count of topics created on the broker.
     */
    @WithDefault("1")
    int partitions();
}
