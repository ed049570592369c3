package dev.pulse.rest;

import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Where Kafka stored one record: what {@code POST /messages} answers.
 */
public record Receipt(String topic, int partition, long offset, long timestamp) {

    static Receipt of(RecordMetadata metadata) {
        return new Receipt(metadata.topic(), metadata.partition(), metadata.offset(), metadata.timestamp());
    }
}
