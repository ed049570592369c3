package dev.pulse.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A topic's committed records read from its end backwards, in ranges: how a source that takes over or restarts finds
 * what it last published (the Bluesky cursor, the X duplicate window). Reads {@code read_committed}, so what a fenced
 * owner wrote is not there.
 */
public final class TopicTail implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> begin;
    private final Map<TopicPartition, Long> end;

    /** Opens {@code topic}: its partitions and their first and next offsets now (none when it does not exist). */
    public TopicTail(KafkaClients clients, String topic) {
        this.consumer = new KafkaConsumer<>(clients.reader(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            this.partitions = (infos == null ? List.<PartitionInfo> of() : infos).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            this.begin = consumer.beginningOffsets(partitions, TIMEOUT);
            this.end = consumer.endOffsets(partitions, TIMEOUT);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    public List<TopicPartition> partitions() {
        return partitions;
    }

    /** The partition's first offset when opened. */
    public long begin(TopicPartition partition) {
        return begin.get(partition);
    }

    /** The partition's end (last stable offset) when opened. */
    public long end(TopicPartition partition) {
        return end.get(partition);
    }

    /** The partition's records from {@code from} to before {@code upTo}, as far as they can be read in 10 s. */
    public List<ConsumerRecord<byte[], byte[]>> read(TopicPartition partition, long from, long upTo) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        scan(partition, from, upTo, records::add);
        return records;
    }

    /** Hands each of the partition's records from {@code from} to before {@code upTo} to {@code each}, keeping none. */
    public void scan(TopicPartition partition, long from, long upTo, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.position(partition) < upTo && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < upTo) {
                    each.accept(record);
                }
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
