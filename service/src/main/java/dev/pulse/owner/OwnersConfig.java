package dev.pulse.owner;

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
}
