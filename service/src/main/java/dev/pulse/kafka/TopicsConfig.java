package dev.pulse.kafka;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The topics Pulse writes and how it creates them at start-up ({@code pulse.topics.*}).
 */
@ConfigMapping(prefix = "pulse.topics")
public interface TopicsConfig {

    /** Topic of the static-data emitter and of REST emit. */
    @WithDefault("sample")
    String sample();

    /** Topic of the X stream publisher. */
    @WithDefault("tweets")
    String tweets();

    /** Topic of the Bluesky Jetstream publisher. */
    @WithDefault("bluesky")
    String bluesky();

    /**
     * Topic of the singleton sources' commands, one partition per source (compacted: its last record is the run a new
     * owner resumes); replicas of one deployment share it.
     */
    @WithDefault("pulse-control")
    String control();

    /** Topic of the singleton sources' owners' statuses (compacted), which every replica reads. */
    @WithDefault("pulse-status")
    String status();

    /** Create missing topics at start-up. */
    @WithDefault("true")
    boolean create();

    /** Partitions of created topics; unset = the broker's {@code num.partitions}. */
    OptionalInt partitions();

    /** Replication factor of created topics; unset = the broker's {@code default.replication.factor}. */
    Optional<Short> replicationFactor();

    /** How long start-up waits for the broker to create the topics. */
    @WithDefault("30s")
    Duration createTimeout();
}
