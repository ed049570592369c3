package dev.pulse.owner;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import dev.pulse.kafka.TopicInitializer;
import dev.pulse.kafka.TopicsConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * The replicas' topics at start-up: the control topic, created compacted with one partition per singleton source
 * when missing and refused when it has too few (a source without one would never run), and the status topic
 * (compacted, one partition).
 */
@ApplicationScoped
public class ControlTopic {

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            TopicInitializer initializer, TopicsConfig topics, Owners owners) {
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        Map<String, Integer> tooFew = initializer.create(List.of(
                new NewTopic(topics.control(), Optional.of(owners.partitions()), topics.replicationFactor())
                        .configs(compacted),
                new NewTopic(topics.status(), Optional.of(1), topics.replicationFactor()).configs(compacted)));
        Integer has = tooFew.get(topics.control());
        if (has != null) {
            throw new IllegalStateException("pulse.topics.control: topic " + topics.control() + " has " + has
                    + " partition(s); Pulse needs " + owners.partitions()
                    + " (one per singleton source: emitter, X, Bluesky). Add partitions or name another topic");
        }
    }
}
