package dev.pulse.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.pulse.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With {@code pulse.console.failure-strategy=dead-letter-queue} ({@link DeadLetterQueueProfile}) a poison record of
 * {@code sample} or {@code tweets} is copied unchanged to {@code <topic>.dlq} with headers saying why and where from,
 * and the console consumer's committed offset moves past it (the default strategy, ignore, is covered by
 * {@link ConsoleConsumerTest}).
 */
@QuarkusTest
@TestProfile(DeadLetterQueueProfile.class)
class PoisonRecordTest {

    private final TopicProbe topics = new TopicProbe();

    @Test
    void poisonRecordsGoToTheirDeadLetterTopicAndThePartitionMovesOn() throws Exception {
        byte[] notUtf8 = { 'b', 'a', 'd', ' ', (byte) 0xff, (byte) 0xfe };
        byte[] notJson = "{\"data\":{\"id\":\"9\"".getBytes(StandardCharsets.UTF_8);
        long first = topics.writeRaw("sample", "k1".getBytes(StandardCharsets.UTF_8), notUtf8, Map.of("trace", "t-1"));
        long second = topics.writeRaw("tweets", "9".getBytes(StandardCharsets.UTF_8), notJson);
        long good = topics.writeRaw("sample", null, "{\"good\":true}".getBytes(StandardCharsets.UTF_8));

        ConsumerRecord<byte[], byte[]> sampleCopy = deadLetter("sample", first);
        assertArrayEquals(notUtf8, sampleCopy.value(), "value unchanged");
        assertEquals("k1", new String(sampleCopy.key(), StandardCharsets.UTF_8), "key unchanged");
        assertEquals("t-1", header(sampleCopy, "trace"), "original headers kept");
        assertEquals("0", header(sampleCopy, "dead-letter-partition"));
        assertEquals("sample-0@" + first + ": value is not UTF-8", header(sampleCopy, "dead-letter-reason"));

        ConsumerRecord<byte[], byte[]> tweetCopy = deadLetter("tweets", second);
        assertArrayEquals(notJson, tweetCopy.value());
        assertTrue(
                header(tweetCopy, "dead-letter-reason")
                        .startsWith("tweets-0@" + second + ": value is not JSON (line 1, column "),
                header(tweetCopy, "dead-letter-reason"));

        await().atMost(Duration.ofSeconds(30)).until(() -> committed("sample") > good);
        await().atMost(Duration.ofSeconds(30)).until(() -> committed("tweets") > second);
    }

    /** The copy in {@code <topic>.dlq} of the record at this offset, found by its dead-letter headers. */
    private ConsumerRecord<byte[], byte[]> deadLetter(String topic, long offset) {
        List<ConsumerRecord<byte[], byte[]>> found = topics.read(topic + ".dlq", 0,
                records -> records.stream().anyMatch(r -> isCopyOf(r, topic, offset)), Duration.ofSeconds(30));
        return found.stream().filter(r -> isCopyOf(r, topic, offset)).findFirst()
                .orElseThrow(() -> new AssertionError(
                        topic + "@" + offset + " not in " + topic + ".dlq: " + found.size() + " records"));
    }

    private static boolean isCopyOf(ConsumerRecord<byte[], byte[]> record, String topic, long offset) {
        return topic.equals(header(record, "dead-letter-topic"))
                && String.valueOf(offset).equals(header(record, "dead-letter-offset"));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long committed(String topic) throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (Admin admin = Admin.create(Map.<String, Object> of("bootstrap.servers", bootstrap))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("pulse-console").partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(new TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        }
    }
}
