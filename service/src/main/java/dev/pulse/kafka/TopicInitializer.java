package dev.pulse.kafka;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import dev.pulse.console.ConsoleConfig;
import dev.pulse.source.LiveSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Creates Pulse's topics at start-up, before any channel sends, when they are missing: {@code sample} and each live
 * source's topic (with the dead-letter strategy also their {@code .dlq} topics).
 */
@ApplicationScoped
public class TopicInitializer {

    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    private final TopicsConfig topics;
    private final KafkaClients clients;
    private final ConsoleConfig console;
    private final Instance<LiveSource> sources;

    TopicInitializer(TopicsConfig topics, KafkaClients clients, ConsoleConfig console, Instance<LiveSource> sources) {
        this.topics = topics;
        this.clients = clients;
        this.console = console;
        this.sources = sources;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (topics.create()) {
            Set<String> names = new TreeSet<>(List.of(topics.sample()));
            sources.forEach(source -> names.add(source.topic()));
            if (console.failureStrategy() == ConsoleConfig.FailureStrategy.DEAD_LETTER_QUEUE) {
                List.copyOf(names).forEach(name -> names.add(ConsoleConfig.deadLetterTopic(name)));
            }
            create(names);
        }
    }

    void create(Set<String> names) {
        create(names.stream()
                .map(name -> new NewTopic(name,
                        topics.partitions().isPresent() ? Optional.of(topics.partitions().getAsInt()) : Optional.empty(),
                        topics.replicationFactor()))
                .toList());
    }

    /**
     * Creates the topics of {@code wanted} that are missing (when {@code pulse.topics.create}), and returns those that
     * already exist with fewer partitions than {@code wanted} asks for, with the partitions they have; logs what it
     * could not create or check.
     */
    public Map<String, Integer> create(List<NewTopic> wanted) {
        Map<String, Object> adminConfig = clients.admin();
        long timeoutMs = topics.createTimeout().toMillis();
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMs, 1000));
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMs, 1000));
        List<String> names = wanted.stream().map(NewTopic::name).toList();
        Map<String, Integer> tooFew = new TreeMap<>();
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            List<NewTopic> sized = wanted.stream().filter(t -> existing.contains(t.name()) && t.numPartitions() > 0)
                    .toList();
            if (!sized.isEmpty()) {
                var described = admin.describeTopics(sized.stream().map(NewTopic::name).toList()).allTopicNames()
                        .get(timeoutMs, TimeUnit.MILLISECONDS);
                for (NewTopic topic : sized) {
                    int has = described.get(topic.name()).partitions().size();
                    if (has < topic.numPartitions()) {
                        tooFew.put(topic.name(), has);
                    }
                }
            }
            if (missing.isEmpty()) {
                LOG.debugf("Topics %s exist", names);
            } else if (!topics.create()) {
                LOG.errorf("Topics %s are missing and pulse.topics.create=false: create them",
                        missing.stream().map(NewTopic::name).toList());
            } else {
                for (var entry : admin.createTopics(missing).values().entrySet()) {
                    try {
                        entry.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
                        LOG.infof("Created topic %s", entry.getKey());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
            }
        } catch (ExecutionException e) {
            LOG.errorf("Could not create or check topics %s (pulse.topics.*): %s", names, e.getCause().getMessage());
        } catch (TimeoutException e) {
            LOG.errorf("Kafka at %s did not answer within pulse.topics.create-timeout=%s; topics %s not checked",
                    clients.bootstrapServers(), topics.createTimeout(), names);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return tooFew;
    }
}
