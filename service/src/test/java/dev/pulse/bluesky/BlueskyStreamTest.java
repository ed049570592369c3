package dev.pulse.bluesky;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.pulse.TopicProbe;
import dev.pulse.source.StopRace;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The Bluesky publisher against a local Jetstream, end to end through the real broker: every event once across cuts,
 * stalls and restarts (the cursor read from the topic, the rewind's duplicates dropped, counted exactly), bad frames
 * skipped, back-off and host rotation, stop final in every state, and the bundled replay. Each test has its own
 * timeline (its own DIDs, later than the last one's), so no test depends on another.
 */
@QuarkusTest
@TestProfile(FakeJetstreamProfile.class)
class BlueskyStreamTest {

    private static final String TOPIC = "bluesky";
    private static final Duration WITHIN = Duration.ofSeconds(30);

    private final FakeJetstream jetstream = FakeJetstreamResource.server;

    @AfterEach
    void stop() {
        given().post("/bluesky/stream/stop").then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> jetstream.openConnections() == 0);
    }

    @Test
    void everyEventOnceAcrossACutWithTheCursorOfTheLastEventReceived() {
        FakeJetstream.Timeline timeline = jetstream.reset("cut", 500, 0, new FakeJetstream.Script().cutAfter(200));
        JsonPath before = status();
        given().post("/bluesky/stream/start?mode=jetstream").then().statusCode(202).body("mode", equalTo("jetstream"));
        awaitPublished(before, 500);
        assertOnceEach(timeline, 500);
        List<Map<String, List<String>>> connections = jetstream.connections();
        assertEquals(2, connections.size(), "one cut, one reconnect: " + connections);
        assertEquals(List.of("app.bsky.feed.post"), connections.get(0).get("wantedCollections"));
        assertEquals(List.of("8192"), connections.get(0).get("maxMessageSizeBytes"));
        long cursor = Long.parseLong(connections.get(1).get("cursor").get(0));
        long resumedAt = (cursor - timeline.base()) / FakeJetstream.STEP;
        assertEquals(timeline.timeUs(resumedAt), cursor, "the cursor is an event's time_us minus the 50 ms rewind");
        assertTrue(resumedAt >= 0 && resumedAt <= 149, "resumed within the first 200 minus the rewind: " + resumedAt);
        JsonPath after = status();
        // the rewind's 50 ms of events and the newest come again: all 51 had been received before the cut
        assertEquals(51, delta(before, after, "duplicates"));
        assertEquals(551, delta(before, after, "received"), "every message received was published or dropped");
        assertEquals(1, delta(before, after, "reconnects"));
        assertEquals(0, delta(before, after, "skipped"));
        assertEquals(timeline.timeUs(499), after.getLong("cursor"));
    }

    @Test
    void badFramesAreCountedAndSkippedAndTheStreamGoesOn() {
        jetstream.oversizedOver(8192);
        FakeJetstream.Timeline timeline = jetstream.reset("bad", 100, 0, new FakeJetstream.Script().badFrames());
        JsonPath before = status();
        given().post("/bluesky/stream/start").then().statusCode(202);
        awaitPublished(before, 100);
        assertOnceEach(timeline, 100);
        JsonPath after = status();
        assertEquals(4, delta(before, after, "skipped"), "binary, not JSON, over 8K, not an event");
        assertEquals(104, delta(before, after, "received"));
        assertEquals(0, delta(before, after, "reconnects"), "a bad frame never costs the connection");
        String metrics = given().get("/q/metrics").asString();
        for (String reason : List.of("binary", "not-json", "oversized", "not-an-event")) {
            assertTrue(metrics.contains("pulse_bluesky_skipped_total{reason=\"" + reason + "\"}"), reason);
        }
    }

    @Test
    void aStalledConnectionIsReplacedAndNothingIsLost() {
        FakeJetstream.Timeline timeline = jetstream.reset("stall", 300, 0, new FakeJetstream.Script().stallAfter(100));
        JsonPath before = status();
        given().post("/bluesky/stream/start").then().statusCode(202);
        awaitPublished(before, 300);
        assertOnceEach(timeline, 300);
        assertEquals(2, jetstream.connections().size(), "the silent connection (no frame, no pong) was replaced");
        assertEquals(1, delta(before, status(), "reconnects"));
    }

    @Test
    void aRestartResumesFromTheNewestEventInTheTopic() {
        FakeJetstream.Timeline timeline = jetstream.reset("restart", 600, 200);
        JsonPath before = status();
        given().post("/bluesky/stream/start").then().statusCode(202);
        await().atMost(WITHIN).until(() -> delta(before, status(), "published") >= 150);
        given().post("/bluesky/stream/stop").then().statusCode(200).body("state", equalTo("stopped"));
        await().atMost(Duration.ofSeconds(5)).until(() -> jetstream.openConnections() == 0);
        long inTopic = records(timeline, r -> false, Duration.ofSeconds(2)).stream()
                .mapToLong(r -> timeline.index(key(r))).max().orElseThrow();

        given().post("/bluesky/stream/start").then().statusCode(202);
        await().atMost(WITHIN).until(() -> jetstream.connections().size() == 2);
        awaitPublished(before, 600);
        assertOnceEach(timeline, 600);
        List<Map<String, List<String>>> connections = jetstream.connections();
        assertEquals(2, connections.size());
        assertEquals(List.of(Long.toString(timeline.timeUs(inTopic - 50))), connections.get(1).get("cursor"),
                "the second run resumes from the newest event in Kafka minus the rewind");
    }

    @Test
    void refusedConnectionsBackOffRotateHostsAndShowInWellnessNotReadiness() {
        FakeJetstream.Script[] refusals = new FakeJetstream.Script[40];
        for (int i = 0; i < refusals.length; i++) {
            refusals[i] = new FakeJetstream.Script().refuse(503);
        }
        jetstream.reset("refused", 10, 0, refusals);
        given().post("/bluesky/stream/start").then().statusCode(202);
        await().atMost(WITHIN).until(() -> jetstream.connections().size() >= 3);
        given().get("/bluesky/stream").then().body("state", equalTo("backing-off"))
                .body("lastError", containsString("HTTP 503"));
        List<Map<String, List<String>>> connections = jetstream.connections();
        assertNull(connections.get(0).get("host"));
        assertEquals(List.of("2"), connections.get(1).get("host"), "a failed host is followed by the next one");
        assertNull(connections.get(2).get("host"));
        await().atMost(WITHIN).untilAsserted(() -> given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'bluesky-stream' }.status", equalTo("DOWN")));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void stopIsFinalInEveryState() throws InterruptedException {
        Random random = new Random(17);
        for (int run = 0; run < 40; run++) {
            switch (run % 4) {
                case 0 -> jetstream.reset("s" + run, 1_000_000, 500); // streaming
                case 1 -> jetstream.reset("s" + run, 10, 0, new FakeJetstream.Script().refuse(503),
                        new FakeJetstream.Script().refuse(503)); // backing off
                case 2 -> jetstream.reset("s" + run, 10, 0, new FakeJetstream.Script().cutAfter(0),
                        new FakeJetstream.Script().cutAfter(0), new FakeJetstream.Script().cutAfter(0)); // reconnecting
                default -> jetstream.reset("s" + run, 10, 0, new FakeJetstream.Script().stallAfter(0)); // silent
            }
            StopRace.startAndStop("/bluesky/stream/start", "/bluesky/stream", random, jetstream::openConnections);
        }
    }

    @Test
    void theBundledCaptureReplaysWithoutANetwork() {
        JsonPath before = status();
        given().post("/bluesky/stream/start?mode=replay").then().statusCode(202);
        await().atMost(WITHIN).until(() -> "completed".equals(status().getString("state")));
        JsonPath after = status();
        assertEquals(400, delta(before, after, "received"));
        assertEquals(13, delta(before, after, "skipped"), "7 identity and 6 account events: only commits by default");
        await().atMost(WITHIN).until(() -> delta(before, status(), "published") == 387);
        assertEquals("classpath:bluesky/replay-sample.ndjson", after.getString("source"));
    }

    @Test
    void startTwiceIsAConflictAndAnUnknownModeABadRequest() {
        jetstream.reset("rest", 1_000_000, 200);
        given().post("/bluesky/stream/start").then().statusCode(202);
        given().post("/bluesky/stream/start").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("POST /bluesky/stream/stop"));
        given().post("/bluesky/stream/stop").then().statusCode(200);
        given().post("/bluesky/stream/start?mode=firehose").then().statusCode(400)
                .body("detail", containsString("jetstream, replay or off"));
    }

    private static JsonPath status() {
        return given().get("/bluesky/stream").then().statusCode(200).extract().jsonPath();
    }

    private static long delta(JsonPath before, JsonPath after, String counter) {
        return after.getLong(counter) - before.getLong(counter);
    }

    private static void awaitPublished(JsonPath before, long n) {
        await().atMost(WITHIN).until(() -> delta(before, status(), "published") >= n);
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(FakeJetstream.Timeline timeline,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration within) {
        return new TopicProbe().readAll(TOPIC, done, within).stream().filter(r -> timeline.index(key(r)) >= 0).toList();
    }

    /** Each of the timeline's first n events is in the topic exactly once, as sent, with its headers. */
    private static void assertOnceEach(FakeJetstream.Timeline timeline, long n) {
        List<ConsumerRecord<byte[], byte[]>> records = records(timeline,
                all -> all.stream().filter(r -> timeline.index(key(r)) >= 0).count() >= n, WITHIN);
        Map<Long, Integer> copies = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            long i = timeline.index(key(record));
            copies.merge(i, 1, Integer::sum);
            assertEquals(timeline.event(i), new String(record.value(), StandardCharsets.UTF_8));
            assertEquals("bluesky-jetstream",
                    new String(record.headers().lastHeader("pulse-source").value(), StandardCharsets.UTF_8));
            assertEquals(Long.toString(timeline.timeUs(i)),
                    new String(record.headers().lastHeader("pulse-time-us").value(), StandardCharsets.UTF_8));
        }
        assertEquals(n, copies.size(), "missing: " + (n - copies.size()));
        assertTrue(copies.values().stream().allMatch(c -> c == 1), "published twice: "
                + copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList());
        assertEquals(n, records.size());
    }
}
