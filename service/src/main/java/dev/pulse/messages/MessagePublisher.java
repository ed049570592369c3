package dev.pulse.messages;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.pulse.kafka.TopicsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;

/**
 * Sends REST-posted records through channel {@code messages} (→ topic {@code sample}), a request's records in order,
 * and reports where Kafka stored each ({@link OutgoingMessageMetadata}, set by the connector before the ack). REST has
 * a channel of its own so that a bulk emitter run, which keeps the emitter's producer busy, never makes a request wait
 * behind it.
 */
@ApplicationScoped
public class MessagePublisher {

    static final String CHANNEL = "messages";

    /**
     * Unbounded: the records waiting here are those of the open requests, each within {@code pulse.rest.max-bytes} and
     * answered (503) after {@code pulse.rest.timeout}; a bounded buffer would refuse a batch half-way through.
     * {@link Emitter#send(Message)} with the message's own ack keeps the channel's answer on the producer's thread;
     * {@code MutinyEmitter.sendMessage} would hop back to the event loop once per record.
     */
    @Inject
    @Channel(CHANNEL)
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<String> channel;

    private final Counter accepted;

    MessagePublisher(TopicsConfig topics, MeterRegistry registry) {
        this.accepted = Counter.builder("pulse.records.accepted")
                .description("Records posted to /messages and acknowledged by Kafka")
                .tag("topic", topics.sample()).register(registry);
    }

    /**
     * Completes once Kafka answered for every record (acks=all), with where it stored each or why it did not. A batch
     * is handed to the channel from a worker thread: sent from the event loop, each message carries the loop's
     * context and the channel dispatches every one of them back onto it (side runs: NDJSON 35k -> 50-58k
     * records/s); a single record goes at once, where that hop would only add latency.
     */
    Uni<List<Outcome>> send(String key, List<String> jsons) {
        if (jsons.size() == 1 || !Context.isOnEventLoopThread()) {
            return sendNow(key, jsons);
        }
        return Uni.createFrom().deferred(() -> sendNow(key, jsons))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Uni<List<Outcome>> sendNow(String key, List<String> jsons) {
        Outcome[] outcomes = new Outcome[jsons.size()];
        AtomicInteger pending = new AtomicInteger(outcomes.length);
        CompletableFuture<List<Outcome>> done = new CompletableFuture<>();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String> builder().withKey(key).build();
        for (int i = 0; i < outcomes.length; i++) {
            int index = i;
            OutgoingMessageMetadata<RecordMetadata> stored = new OutgoingMessageMetadata<>();
            Runnable answered = () -> {
                if (pending.decrementAndGet() == 0) {
                    done.complete(List.of(outcomes));
                }
            };
            Message<String> message = Message.of(jsons.get(i), Metadata.of(kafka, stored), () -> {
                accepted.increment();
                outcomes[index] = new Outcome(stored.getResult(), null);
                answered.run();
                return CompletableFuture.completedFuture(null);
            }, failure -> {
                outcomes[index] = new Outcome(null, failure);
                answered.run();
                return CompletableFuture.completedFuture(null);
            });
            try {
                channel.send(message);
            } catch (RuntimeException e) { // the channel is gone (shutting down): answered like a broker failure
                outcomes[index] = new Outcome(null, e);
                answered.run();
            }
        }
        return Uni.createFrom().completionStage(done);
    }
}
