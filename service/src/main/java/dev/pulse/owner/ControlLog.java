package dev.pulse.owner;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Writes what replicas tell each other through Kafka: control records (channel {@code control-out} → the control
 * topic, each to its source's partition) and owners' statuses (channel {@code status-out} → the status topic), both
 * keyed by the source's name.
 */
@ApplicationScoped
public class ControlLog {

    private final MutinyEmitter<String> control;
    private final MutinyEmitter<String> status;
    private final ObjectMapper mapper;

    ControlLog(@Channel("control-out") MutinyEmitter<String> control, @Channel("status-out") MutinyEmitter<String> status,
            ObjectMapper mapper) {
        this.control = control;
        this.status = status;
        this.mapper = mapper;
    }

    /** Writes an owner's status of {@code source}, without waiting: the next one follows within a second. */
    void status(OwnedSource<?> source, JsonNode owned) {
        status.sendMessageAndForget(Message.of(owned.toString())
                .addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(source.id().name()).build()));
    }

    /** Writes {@code record} to {@code source}'s partition; completes when Kafka has it. */
    Uni<Void> send(OwnedSource<?> source, ControlRecord record) {
        String json;
        try {
            json = mapper.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return control.sendMessage(Message.of(json).addMetadata(OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(source.id().name()).withPartition(source.id().partition()).build()));
    }
}
