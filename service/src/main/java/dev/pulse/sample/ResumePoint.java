package dev.pulse.sample;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import dev.pulse.kafka.KafkaClients;
import dev.pulse.kafka.TopicTail;

/**
 * Where a restarted emitter continues: after the highest {@code pulse-seq} of this data set's records that Kafka
 * holds (like Kafka Connect datagen's offsets, but kept in the topic itself). Scans each partition backwards.
 */
@ApplicationScoped
class ResumePoint {

    static final String SOURCE = "pulse-source";
    static final String EMITTER = "sample-emitter";
    static final byte[] EMITTER_BYTES = EMITTER.getBytes(StandardCharsets.UTF_8);
    static final String DATASET = "pulse-dataset";
    static final String SEQ = "pulse-seq";

    private static final Logger LOG = Logger.getLogger(ResumePoint.class);
    private static final int WINDOW = 500;
    private static final long SCAN_LIMIT = 1_000_000;

    private final KafkaClients clients;

    ResumePoint(KafkaClients clients) {
        this.clients = clients;
    }

    /** The sequence number of the next record to emit: 0 when none of this data set is in the topic. */
    long next(String topic, String dataset) {
        byte[] wanted = dataset.getBytes(StandardCharsets.UTF_8);
        long best = -1;
        try (TopicTail tail = new TopicTail(clients, topic)) {
            for (TopicPartition partition : tail.partitions()) {
                best = Math.max(best, lastIn(tail, partition, wanted));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Cannot read %s to resume the emitter (%s); starting at record 0", topic, e.getMessage());
            return 0;
        }
        return best + 1;
    }

    private static long lastIn(TopicTail tail, TopicPartition partition, byte[] dataset) {
        long begin = tail.begin(partition);
        long end = tail.end(partition);
        for (long upTo = end; upTo > begin && end - upTo < SCAN_LIMIT; upTo = Math.max(begin, upTo - WINDOW)) {
            long best = -1;
            for (ConsumerRecord<byte[], byte[]> record : tail.read(partition, Math.max(begin, upTo - WINDOW), upTo)) {
                if (isEmitted(record, dataset)) {
                    best = Math.max(best, seq(record));
                }
            }
            if (best >= 0) {
                return best;
            }
        }
        return -1;
    }

    private static boolean isEmitted(ConsumerRecord<byte[], byte[]> record, byte[] dataset) {
        Header source = record.headers().lastHeader(SOURCE);
        Header name = record.headers().lastHeader(DATASET);
        return source != null && name != null && record.headers().lastHeader(SEQ) != null
                && Arrays.equals(source.value(), EMITTER_BYTES) && Arrays.equals(name.value(), dataset);
    }

    private static long seq(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Long.parseLong(new String(record.headers().lastHeader(SEQ).value(), StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
