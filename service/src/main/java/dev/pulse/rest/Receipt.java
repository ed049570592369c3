package dev.pulse.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Where Kafka stored one record: what {@code POST /messages} answers.
 */
@RegisterForReflection // serialised from a Response entity the build cannot see
public record Receipt(String topic, int partition, long offset, long timestamp) {

    static Receipt of(RecordMetadata metadata) {
        return new Receipt(metadata.topic(), metadata.partition(), metadata.offset(), metadata.timestamp());
    }
}
