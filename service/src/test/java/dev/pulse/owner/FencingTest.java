package dev.pulse.owner;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.pulse.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Pulse, owner of the emitter, is expelled from the owners' group mid-run (as a paused owner is by its session
 * timeout): the commit it tries next must be refused and what it sent since its last commit aborted, and the run must
 * then go on from what the topic holds, so a {@code read_committed} reader finds every record of the run exactly once.
 */
@QuarkusTest
@TestProfile(FencingProfile.class)
class FencingTest {

    private static final int COUNT = 5_000;

    @Test
    void anExpelledOwnersRecordsAreAbortedAndTheRunContinuesExactlyOnce() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (LogCapture log = LogCapture.category("dev.pulse.owner");
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            given().get("/sample").then().statusCode(200).body("owner", equalTo("pulse-under-test"));
            given().post("/sample/start?count=" + COUNT + "&interval=1ms").then().statusCode(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/sample").then().extract()
                    .jsonPath().getLong("acknowledged") >= 500);

            admin.removeMembersFromConsumerGroup(FencingProfile.GROUP, new RemoveMembersFromConsumerGroupOptions())
                    .all().get(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertTrue(log.text().contains("Replica pulse-under-test hands sample over")
                        || log.text().contains("stops sample: its last commit was refused"), log.text());
                assertEquals(COUNT, seqs(bootstrap, "read_committed").size(), "committed records of the run");
            });
            Map<Long, Integer> committed = new HashMap<>();
            seqs(bootstrap, "read_committed").forEach(seq -> committed.merge(seq, 1, Integer::sum));
            List<Long> twice = committed.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                    .toList();
            assertEquals(List.of(), twice, "records committed twice");
            for (long seq = 0; seq < COUNT; seq++) {
                assertTrue(committed.containsKey(seq), "record " + seq + " is committed");
            }
            assertTrue(seqs(bootstrap, "read_uncommitted").size() > COUNT,
                    "the expelled owner's last records are in the log, aborted");
        } finally {
            given().post("/sample/stop");
        }
    }

    /** The emitter's sequence numbers in the topic, as a consumer with {@code isolation} reads them. */
    private static List<Long> seqs(String bootstrap, String isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<Long> seqs = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(FencingProfile.TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header seq = record.headers().lastHeader("pulse-seq");
                    if (seq != null) {
                        seqs.add(Long.parseLong(new String(seq.value(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return seqs;
    }
}
