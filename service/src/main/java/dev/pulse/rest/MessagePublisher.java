package dev.pulse.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.pulse.kafka.TopicsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends REST-posted records on channel {@code messages} (topic {@code sample}) and reports where Kafka stored each.
 * The buffer is unbounded because every buffered record belongs to a request that waits for it, within
 * {@code pulse.rest.max-bytes} per request.
 */
@ApplicationScoped
public class MessagePublisher {

    @Inject
    @Channel("messages")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    MutinyEmitter<String> emitter;

    private final Counter accepted;

    MessagePublisher(TopicsConfig topics, MeterRegistry registry) {
        this.accepted = Counter.builder("pulse.records.accepted")
                .description("Records posted to /messages and acknowledged by Kafka")
                .tag("topic", topics.sample()).register(registry);
    }

    /** Completes once Kafka acknowledged the record (acks=all), failing with Kafka's error otherwise. */
    public Uni<Receipt> send(String key, String json) {
        OutgoingMessageMetadata<RecordMetadata> result = new OutgoingMessageMetadata<>();
        Metadata metadata = key == null ? Metadata.of(result)
                : Metadata.of(result, OutgoingKafkaRecordMetadata.<String> builder().withKey(key).build());
        return emitter.sendMessage(Message.of(json, metadata)).map(ignored -> {
            accepted.increment();
            return Receipt.of(result.getResult());
        });
    }
}
