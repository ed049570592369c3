package dev.pulse.owner;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How replicas share the singleton sources ({@code pulse.owners.*}): the consumer group whose coordinator assigns each
 * source's partition of the control topic ({@code pulse.topics.control}) to one replica.
 */
@ConfigMapping(prefix = "pulse.owners")
public interface OwnersConfig {

    /** The group every replica of one Pulse deployment joins; deployments sharing a cluster need their own. */
    @WithDefault("pulse-owners")
    String groupId();

    /** This replica's name in control records and logs; unset = host name and process id. */
    Optional<String> replicaId();

    /**
     * Whether the singleton sources write in transactions, fenced through this group, so that an owner paused past
     * its session cannot write once its source has moved (consumers then read {@code read_committed}).
     */
    @WithDefault("true")
    boolean transactions();

    /** How often an owner commits what its sources sent: the delay before a read_committed consumer sees them. */
    @WithDefault("100ms")
    Duration commitInterval();
}
