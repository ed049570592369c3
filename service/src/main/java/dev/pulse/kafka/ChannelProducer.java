package dev.pulse.kafka;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;

/**
 * The Kafka producer SmallRye created for an outgoing channel ({@code mp.messaging.outgoing.<channel>.*}: the same
 * acks=all, idempotence, serializers and security), used directly by bulk emitter runs, REST emit and the X stream.
 * Sending a record this way costs a callback; through the channel it costs a message pipeline with context
 * propagation and a retry subscription, which held Pulse to an eighth of Kafka's own producer (bench/run).
 */
@ApplicationScoped
public class ChannelProducer {

    /** The result of one record of a batch: where Kafka stored it, or why it did not. */
    public record Outcome(RecordMetadata metadata, Exception failure) {
    }

    private final KafkaClientService clients;
    private final ConcurrentMap<String, ExecutorService> senders = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Producer<String, ?>> producers = new ConcurrentHashMap<>();

    ChannelProducer(KafkaClientService clients) {
        this.clients = clients;
    }

    /**
     * Sends the records in order from the channel's sending thread (where waiting for metadata blocks nobody else) and
     * completes once Kafka answered for every one of them, with one outcome per record.
     */
    public Uni<List<Outcome>> sendAll(String channel, List<ProducerRecord<String, String>> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.createFrom().item(records).emitOn(sender(channel)).flatMap(batch -> {
            Producer<String, String> kafka = producer(channel);
            Outcome[] outcomes = new Outcome[batch.size()];
            AtomicInteger pending = new AtomicInteger(batch.size());
            CompletableFuture<List<Outcome>> done = new CompletableFuture<>();
            for (int i = 0; i < outcomes.length; i++) {
                int index = i;
                send(kafka, batch.get(i), (metadata, failure) -> {
                    outcomes[index] = new Outcome(metadata, failure);
                    if (pending.decrementAndGet() == 0) {
                        done.complete(List.of(outcomes));
                    }
                });
            }
            return Uni.createFrom().completionStage(done);
        });
    }

    /** The raw producer of {@code channel}: {@code send} blocks its caller while the producer's buffer is full. */
    public Producer<String, String> unwrap(String channel) {
        return producer(channel);
    }

    /**
     * Sends one record with the producer of {@code channel}: blocks while its buffer is full (call it on the channel's
     * {@link #sender}), and a record that could not even be handed over reaches the callback as a failure.
     */
    public <V> void send(String channel, ProducerRecord<String, V> record, Callback callback) {
        send(this.<V> producer(channel), record, callback);
    }

    private static <V> void send(Producer<String, V> kafka, ProducerRecord<String, V> record, Callback callback) {
        try {
            kafka.send(record, callback);
        } catch (RuntimeException e) { // not sent at all: no metadata in time, serialisation, closed producer
            callback.onCompletion(null, e);
        }
    }

    /** One thread per channel hands records to its producer, so a blocked {@code send} never holds an event loop. */
    public Executor sender(String channel) {
        return senders.computeIfAbsent(channel, name -> Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "pulse-sender-" + name);
            thread.setDaemon(true);
            return thread;
        }));
    }

    @PreDestroy
    void close() {
        senders.values().forEach(ExecutorService::shutdown);
    }

    /**
     * The channel's Kafka producer, its values of type {@code V} (the type its serializer was chosen for), looked up
     * once: through SmallRye's client service a lookup costs interceptors on every record.
     */
    @SuppressWarnings("unchecked")
    private <V> Producer<String, V> producer(String channel) {
        return (Producer<String, V>) producers.computeIfAbsent(channel, name -> {
            KafkaProducer<String, ?> producer = clients.getProducer(name);
            if (producer == null) {
                throw new IllegalStateException("no Kafka producer for outgoing channel " + name);
            }
            return producer.unwrap();
        });
    }
}
