package dev.pulse.rest;

import org.apache.kafka.clients.producer.RecordMetadata;

/** The result of one record of a request: where Kafka stored it, or why it did not. */
record Outcome(RecordMetadata metadata, Throwable failure) {
}
