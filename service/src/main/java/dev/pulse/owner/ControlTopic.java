package dev.pulse.owner;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.jboss.logging.Logger;

import dev.pulse.kafka.KafkaClients;
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

    private static final Logger LOG = Logger.getLogger(ControlTopic.class);

    private final TopicInitializer initializer;
    private final KafkaClients clients;
    private final TopicsConfig topics;
    private final Owners owners;

    ControlTopic(TopicInitializer initializer, KafkaClients clients, TopicsConfig topics, Owners owners) {
        this.initializer = initializer;
        this.clients = clients;
        this.topics = topics;
        this.owners = owners;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (topics.create()) {
            initializer.create(List.of(new NewTopic(topics.control(), Optional.of(owners.partitions()),
                    topics.replicationFactor()).configs(
                            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                                    TopicConfig.CLEANUP_POLICY_COMPACT))));
        }
        check();
    }

    private void check() {
        long timeoutMs = topics.createTimeout().toMillis();
        int partitions;
        try (Admin admin = Admin.create(clients.admin())) {
            partitions = admin.describeTopics(Set.of(topics.control())).allTopicNames()
                    .get(timeoutMs, TimeUnit.MILLISECONDS).get(topics.control()).partitions().size();
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf("Control topic %s (pulse.topics.control) not checked: %s. Until it exists with %d partitions,"
                    + " no replica runs the emitter, X or Bluesky", topics.control(),
                    e instanceof ExecutionException ? e.getCause().getMessage() : "Kafka did not answer in time",
                    owners.partitions());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (partitions < owners.partitions()) {
            throw new IllegalStateException("pulse.topics.control: topic " + topics.control() + " has " + partitions
                    + " partition(s); Pulse needs " + owners.partitions()
                    + " (one per singleton source: emitter, X, Bluesky). Add partitions or name another topic");
        }
    }
}
