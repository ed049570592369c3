package dev.pulse.bluesky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.pulse.AppProcess;
import dev.pulse.TopicProbe;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@code kill -9} of the packaged app while it streams from a local Jetstream, then a restart with the same settings
 * (the default rewind and duplicate window): every event the server sent is in the topic exactly once. The topic has
 * 1 partition on the test broker, so its end offset counts the events in it.
 */
@QuarkusIntegrationTest
class BlueskyRestartIT {

    private static final int PORT = 18092;
    private static final int EVENTS = 20_000;
    private static final String TOPIC = "bluesky-restart";

    @Test
    void killedMidStreamAndRestartedEveryEventIsInKafkaOnce() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        FakeJetstream jetstream = new FakeJetstream();
        int jetstreamPort = jetstream.start();
        FakeJetstream.Timeline timeline = jetstream.reset("kill", EVENTS, 4_000);
        Path log = Path.of("target", "bluesky-restart-app.log");
        List<String> settings = List.of("-Dkafka.bootstrap.servers=" + bootstrap, "-Dquarkus.http.port=" + PORT,
                "-Dpulse.topics.bluesky=" + TOPIC, "-Dpulse.console.group-id=bluesky-restart-console",
                "-Dpulse.sample.enabled=false", "-Dpulse.bluesky.stream=jetstream",
                "-Dpulse.bluesky.urls=ws://127.0.0.1:" + jetstreamPort + "/subscribe");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        TopicProbe topic = new TopicProbe(bootstrap);
        Process first = AppProcess.start(log, false, settings);
        Process second = null;
        try {
            AppProcess.waitReady(http, PORT);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // past the rewind (5 s of time_us = 5,000 events here): the restart must resume mid-stream, from the topic
            while (topic.endOffset(TOPIC) < 8_000 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            first.destroyForcibly(); // SIGKILL: no shutdown hook, records in flight are lost from this run
            first.waitFor();
            long sentBeforeKill = jetstream.sent();
            int inTopicAtKill = topic.readAll(TOPIC, r -> false, Duration.ofSeconds(2)).size();

            second = AppProcess.start(log, true, settings);
            AppProcess.waitReady(http, PORT);
            List<ConsumerRecord<byte[], byte[]>> records = topic.readAll(TOPIC, r -> r.size() >= EVENTS,
                    Duration.ofSeconds(90));
            Thread.sleep(1000); // anything published twice would arrive right behind
            records = topic.readAll(TOPIC, r -> r.size() >= EVENTS, Duration.ofSeconds(10));
            Map<Long, Integer> copies = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                copies.merge(timeline.index(new String(record.key(), StandardCharsets.UTF_8)), 1, Integer::sum);
            }
            long duplicates = records.size() - copies.size();
            long missing = jetstream.sent() - copies.keySet().stream().filter(i -> i >= 0 && i < EVENTS).count();
            List<Map<String, List<String>>> connections = jetstream.connections();
            System.out.printf("BlueskyRestartIT: server sent %d events (%d before the kill, when %d were in the topic);"
                    + " topic holds %d records, %d distinct; %d duplicated, %d missing; %d connections, the last from"
                    + " cursor %s%n", jetstream.sent(), sentBeforeKill, inTopicAtKill, records.size(), copies.size(),
                    duplicates, missing, connections.size(), connections.get(connections.size() - 1).get("cursor"));
            assertEquals(EVENTS, jetstream.sent());
            assertTrue(inTopicAtKill > 0 && inTopicAtKill < EVENTS, "killed mid-stream: " + inTopicAtKill);
            assertEquals(2, connections.size());
            long cursor = Long.parseLong(connections.get(1).get("cursor").get(0));
            assertTrue(cursor > timeline.timeUs(0), "the restart resumed mid-stream, from the topic: " + cursor);
            assertEquals(0, missing, "missing");
            assertEquals(0, duplicates, "duplicated");
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroy();
                second.waitFor();
            }
            jetstream.stop();
        }
    }
}
