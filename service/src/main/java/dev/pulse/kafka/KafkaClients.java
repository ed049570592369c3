package dev.pulse.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import io.smallrye.common.annotation.Identifier;

/**
 * Settings for Pulse's own Kafka clients (topic creation, the emitter's resume scan), taken from the application's
 * {@code kafka.*} configuration — bootstrap servers, SASL, TLS — and limited to what each client knows.
 */
@ApplicationScoped
public class KafkaClients {

    private final Map<String, Object> kafka;

    KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    public Map<String, Object> admin() {
        return only(AdminClientConfig.configNames());
    }

    /** A consumer without a group that commits nothing and reads only committed records. */
    public Map<String, Object> reader() {
        Map<String, Object> config = only(ConsumerConfig.configNames());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    public Object bootstrapServers() {
        return kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    private Map<String, Object> only(Set<String> names) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((k, v) -> {
            if (names.contains(k)) {
                config.put(k, v);
            }
        });
        return config;
    }
}
