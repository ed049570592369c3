package dev.pulse.x;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import dev.pulse.kafka.ChannelProducer;
import dev.pulse.kafka.FailureLogPace;
import dev.pulse.kafka.TopicsConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Sends posts to topic {@code tweets} with the producer of channel {@code tweets}, the line's bytes as received (the
 * channel's payload type {@code byte[]} picks Kafka's byte-array serializer), from that channel's sending thread:
 * there {@code send} may block while the producer's buffer is full, which holds back the X stream (back-pressure).
 * A post counts as published when Kafka acknowledged it.
 */
@ApplicationScoped
class PostSender {

    static final String CHANNEL = "tweets";
    private static final Logger LOG = Logger.getLogger(PostSender.class);

    /** Declares the channel (SmallRye creates a channel's producer for an emitter); posts do not go through it. */
    @Inject
    @Channel(CHANNEL)
    MutinyEmitter<byte[]> channel;

    private final ChannelProducer producer;
    private final String topic;
    private final XStats stats;
    private final AtomicLong failed = new AtomicLong();
    private final FailureLogPace failureLog = new FailureLogPace();

    PostSender(ChannelProducer producer, TopicsConfig topics, XStats stats) {
        this.producer = producer;
        this.topic = topics.tweets();
        this.stats = stats;
    }

    /** The thread to call {@link #send} on. */
    Executor thread() {
        return producer.sender(CHANNEL);
    }

    void send(String id, byte[] line, Headers headers) {
        producer.send(CHANNEL, new ProducerRecord<>(topic, null, id, line, headers), (metadata, failure) -> {
            if (failure == null) {
                stats.published();
            } else {
                failed(id, failure);
            }
        });
    }

    private void failed(String id, Exception failure) {
        long n = failed.incrementAndGet();
        if (failureLog.due(n)) {
            LOG.errorf("X stream: Kafka did not acknowledge post %s: %s (%d posts not published so far)", id,
                    failure.getMessage(), n);
        }
    }
}
