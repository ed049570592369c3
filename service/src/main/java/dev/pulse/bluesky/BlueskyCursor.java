package dev.pulse.bluesky;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.kafka.KafkaClients;
import dev.pulse.kafka.TopicTail;

/**
 * The topic is the cursor store: where a live Jetstream run resumes, read from the Jetstream records (header
 * {@code pulse-source: bluesky-jetstream}) already in Kafka. The newest {@code time_us} of any partition, minus the
 * rewind, is the cursor; the events at or after it are the ones Jetstream sends again, so their identities seed the
 * duplicate window. Each partition is read backwards in chunks, no further than that.
 */
@ApplicationScoped
class BlueskyCursor {

    /** Where to resume: {@code cursor} in unix µs (0 = live, nothing in the topic) and the events from it on. */
    record Resume(long newestUs, long cursorUs, List<String> seen) {
        static final Resume NONE = new Resume(0, 0, List.of());
    }

    private static final Logger LOG = Logger.getLogger(BlueskyCursor.class);
    private static final byte[] LIVE = EventHandler.LIVE.getBytes(StandardCharsets.UTF_8);
    private static final int CHUNK = 2_000;

    private final KafkaClients clients;
    private final ObjectMapper mapper;

    BlueskyCursor(KafkaClients clients, ObjectMapper mapper) {
        this.clients = clients;
        this.mapper = mapper;
    }

    /** Reads {@code topic}: at most {@code window} events are kept for the duplicate window. */
    Resume read(String topic, Duration rewind, int window) {
        try (TopicTail tail = new TopicTail(clients, topic)) {
            List<TopicPartition> partitions = tail.partitions();
            long newest = 0;
            for (TopicPartition partition : partitions) {
                newest = Math.max(newest, newestIn(tail, partition, window));
            }
            if (newest == 0) {
                return Resume.NONE;
            }
            long cursor = Math.max(1, newest - rewind.toNanos() / 1000);
            List<Seen> seen = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                seenIn(tail, partition, cursor, window, seen);
            }
            seen.sort((a, b) -> Long.compare(a.timeUs, b.timeUs));
            List<String> identities = seen.stream().skip(Math.max(0, seen.size() - window)).map(Seen::identity)
                    .toList();
            if (seen.size() > window) {
                LOG.warnf("Bluesky: %d events in the rewind of %s, more than pulse.bluesky.dedup-window=%d: some may be"
                        + " published twice", seen.size(), rewind, window);
            }
            return new Resume(newest, cursor, identities);
        } catch (RuntimeException e) {
            LOG.warnf("Bluesky: cannot read %s to resume (%s); streaming from now on", topic, e.getMessage());
            return Resume.NONE;
        }
    }

    private record Seen(long timeUs, String identity) {
    }

    /** The newest {@code time_us} of the partition's Jetstream records, or 0. */
    private long newestIn(TopicTail tail, TopicPartition partition, int limit) {
        long begin = tail.begin(partition);
        long end = tail.end(partition);
        for (long upTo = end; upTo > begin && end - upTo < limit; upTo = Math.max(begin, upTo - CHUNK)) {
            long newest = 0;
            for (ConsumerRecord<byte[], byte[]> record : tail.read(partition, Math.max(begin, upTo - CHUNK), upTo)) {
                newest = Math.max(newest, timeUs(record));
            }
            if (newest > 0) {
                return newest;
            }
        }
        return 0;
    }

    /** Adds the identities of the partition's Jetstream events at or after {@code cursor}. */
    private void seenIn(TopicTail tail, TopicPartition partition, long cursor, int limit, List<Seen> seen) {
        long begin = tail.begin(partition);
        long end = tail.end(partition);
        for (long upTo = end; upTo > begin && end - upTo < limit; upTo = Math.max(begin, upTo - CHUNK)) {
            boolean older = false;
            for (ConsumerRecord<byte[], byte[]> record : tail.read(partition, Math.max(begin, upTo - CHUNK), upTo)) {
                long time = timeUs(record);
                if (time == 0) {
                    continue;
                }
                if (time < cursor) {
                    older = true;
                    continue;
                }
                String identity = identity(record);
                if (identity != null) {
                    seen.add(new Seen(time, identity));
                }
            }
            if (older) {
                return;
            }
        }
    }

    /** A Jetstream record's {@code time_us}, or 0 for any other record. */
    private static long timeUs(ConsumerRecord<byte[], byte[]> record) {
        Header source = record.headers().lastHeader(EventHandler.SOURCE);
        Header time = record.headers().lastHeader(EventHandler.TIME_US);
        if (source == null || time == null || !Arrays.equals(source.value(), LIVE)) {
            return 0;
        }
        try {
            return Long.parseLong(new String(time.value(), StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private String identity(ConsumerRecord<byte[], byte[]> record) {
        try {
            JsonNode event = mapper.readTree(record.value());
            String key = event == null ? null : EventHandler.key(event);
            return key == null ? null : EventHandler.identity(key, event);
        } catch (IOException e) {
            return null;
        }
    }
}
