package dev.pulse.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.pulse.kafka.ChannelProducer;
import dev.pulse.kafka.TopicsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Sends REST-posted records to topic {@code sample} with the producer of channel {@code messages}, a request's records
 * together, and reports where Kafka stored each. Records in flight are bounded by the open requests, each within
 * {@code pulse.rest.max-bytes}. REST has its own producer so that a bulk emitter run, which keeps the emitter's
 * producer buffer full, never makes a request wait behind it.
 */
@ApplicationScoped
public class MessagePublisher {

    static final String CHANNEL = "messages";

    /** Declares the channel (SmallRye creates a channel's producer for an emitter); records do not go through it. */
    @Inject
    @Channel(CHANNEL)
    MutinyEmitter<String> channel;

    private final ChannelProducer producer;
    private final String topic;
    private final Counter accepted;

    MessagePublisher(ChannelProducer producer, TopicsConfig topics, MeterRegistry registry) {
        this.producer = producer;
        this.topic = topics.sample();
        this.accepted = Counter.builder("pulse.records.accepted")
                .description("Records posted to /messages and acknowledged by Kafka")
                .tag("topic", topic).register(registry);
    }

    /** Completes once Kafka answered for every record (acks=all), with where it stored each or why it did not. */
    public Uni<List<ChannelProducer.Outcome>> send(String key, List<String> jsons) {
        List<ProducerRecord<String, String>> records = new ArrayList<>(jsons.size());
        for (String json : jsons) {
            records.add(new ProducerRecord<>(topic, key, json));
        }
        return producer.sendAll(CHANNEL, records).invoke(outcomes -> outcomes.stream()
                .filter(outcome -> outcome.failure() == null).forEach(outcome -> accepted.increment()));
    }
}
