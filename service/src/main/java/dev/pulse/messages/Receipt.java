package dev.pulse.messages;

import org.apache.kafka.clients.producer.RecordMetadata;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where Kafka stored one record: what {@code POST /messages} answers. Only the topic is known when the channel's
 * connector reports no place (the in-memory connector of the channel tests).
 */
@RegisterForReflection // serialised from a Response entity the build cannot see
public record Receipt(String topic, Integer partition, Long offset, Long timestamp) {

    static Receipt of(RecordMetadata metadata, String topic) {
        return metadata == null ? new Receipt(topic, null, null, null)
                : new Receipt(metadata.topic(), metadata.partition(), metadata.offset(), metadata.timestamp());
    }
}
