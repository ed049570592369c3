package dev.pulse.messages;

import org.apache.kafka.clients.producer.RecordMetadata;

/** The result of one record of a request: where Kafka stored it, or why it did not. */
record Outcome(RecordMetadata metadata, Throwable failure) {
}
