package dev.pulse.x;

import static dev.pulse.x.FakeX.post;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.pulse.Metrics;
import dev.pulse.TopicProbe;
import dev.pulse.source.StopRace;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The X stream publisher against a fake X server, end to end through the real broker: framing, X's reconnect
 * policy for every fault, exactly-once publishing of fully received posts, rules, and who Pulse says it is. Each test
 * starts from a reset fake and a stopped stream, reads {@code tweets} from where it ended before the test, and counts
 * by differences; the token's secrecy is {@link dev.pulse.http.SecretsTest}'s.
 */
@QuarkusTest
@TestProfile(FakeXProfile.class)
class XStreamTest {

    private static final String OPERATIONAL_DISCONNECTS = "pulse_x_errors_total{type=\"operational-disconnect\"}";
    private static final String NETWORK_RECONNECTS = "pulse_x_reconnects_total{cause=\"network\"}";
    private static final String TOO_MANY_CONNECTIONS_RECONNECTS = "pulse_x_reconnects_total{cause=\"too-many-connections\"}";

    private final TopicProbe topic = new TopicProbe();
    private FakeX x;
    private long from;

    @BeforeEach
    void fresh() {
        stop();
        x = FakeXResource.server;
        x.reset();
        from = topic.endOffset("tweets");
    }

    @AfterEach
    void stop() {
        given().post("/x/stream/stop").then().statusCode(200);
    }

    @Test
    void postsSplitAcrossChunksAndUtf8AreFramedExactly() throws Exception {
        String a = post("1001", "first ✨ post");
        String b = post("1002", "zweite Nachricht: grüße");
        String c = post("1003", "third 🚀");
        byte[] all = (a + "\r\n\r\n" + b + "\r\n" + c + "\r\n").getBytes(StandardCharsets.UTF_8);
        int sparkle = indexOf(all, "✨".getBytes(StandardCharsets.UTF_8)) + 1; // inside the 3-byte character
        byte[] crlf = (a + "\r").getBytes(StandardCharsets.UTF_8);
        x.script(new FakeX.Reply()
                .write(Arrays.copyOfRange(all, 0, sparkle)).pause(50)
                .write(Arrays.copyOfRange(all, sparkle, crlf.length)).pause(50) // ends between CR and LF
                .write(Arrays.copyOfRange(all, crlf.length, all.length)) // LF, keep-alive, b and c in one chunk
                .hold());
        long recorded = recorded().length;
        given().post("/x/stream/start?mode=sample").then().statusCode(202);
        List<ConsumerRecord<byte[], byte[]>> posts = read(3);
        assertEquals(List.of(a, b, c), values(posts));
        assertEquals(List.of("1001", "1002", "1003"),
                posts.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList());
        assertEquals("x-sample", new String(posts.get(0).headers().lastHeader("pulse-source").value(), StandardCharsets.UTF_8));
        given().get("/x/stream").then().body("state", equalTo("streaming")).body("mode", equalTo("sample"));
        assertEquals(1, x.connections.size());
        assertTrue(x.paths.get(0).startsWith("/2/tweets/sample/stream?tweet.fields=author_id%2Ccreated_at"),
                x.paths.get(0));
        given().post("/x/stream/start").then().statusCode(409);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> { // appended to what earlier runs recorded
            byte[] file = recorded();
            assertTrue(new String(file, (int) recorded, file.length - (int) recorded, StandardCharsets.UTF_8)
                    .startsWith(a + "\r\n" + b + "\r\n" + c + "\r\n"), "recorded raw lines");
        });
    }

    @Test
    void keepAlivesKeepTheConnectionAndSilenceReconnects() {
        x.script(new FakeX.Reply().write("\r\n").pause(500).write("\r\n").pause(500).write("\r\n").pause(500)
                .write("\r\n").pause(60_000), new FakeX.Reply().write(post("2001", "after the stall") + "\r\n").hold());
        given().post("/x/stream/start?mode=sample").then().statusCode(202);
        assertEquals(List.of(post("2001", "after the stall")), values(read(1)));
        List<Long> at = x.connections;
        assertEquals(2, at.size());
        long gapMs = (at.get(1) - at.get(0)) / 1_000_000;
        assertTrue(gapMs >= 1500 + 1500, "keep-alives for 1.5 s, then a 1.5 s stall: reconnected after " + gapMs + " ms");
    }

    @Test
    void rateLimitWaitsUntilTheReset() {
        long reset = Instant.now().getEpochSecond() + 3;
        x.script(new FakeX.Reply().status(429).header("x-rate-limit-reset", Long.toString(reset))
                .write("{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\"}"),
                new FakeX.Reply().write(post("3001", "after 429") + "\r\n").hold());
        given().post("/x/stream/start?mode=sample").then().statusCode(202);
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> given().get("/x/stream").then()
                .body("state", equalTo("backing-off")).body("lastError", containsString("429")));
        assertEquals(List.of(post("3001", "after 429")), values(read(1)));
        long secondAt = x.connections.get(1);
        assertTrue(System.currentTimeMillis() / 1000 >= reset, "reconnected before x-rate-limit-reset");
        assertEquals(2, x.connections.size(), "one retry, not a storm: " + secondAt);
    }

    @Test
    void serverErrorsBackOffExponentially() {
        x.script(new FakeX.Reply().status(503), new FakeX.Reply().status(503), new FakeX.Reply().status(503),
                new FakeX.Reply().write(post("4001", "recovered") + "\r\n").hold());
        given().post("/x/stream/start?mode=sample").then().statusCode(202);
        assertEquals(List.of(post("4001", "recovered")), values(read(1)));
        List<Long> at = x.connections;
        long first = (at.get(1) - at.get(0)) / 1_000_000;
        long second = (at.get(2) - at.get(1)) / 1_000_000;
        long third = (at.get(3) - at.get(2)) / 1_000_000;
        assertTrue(first >= 280 && second >= 580 && third >= 1180, first + ", " + second + ", " + third + " ms");
    }

    @Test
    void resetMidPostReconnectsWithoutTheHalfPost() {
        String whole = post("5001", "whole");
        String cut = post("5002", "cut in the middle");
        x.script(new FakeX.Reply().write(whole + "\r\n" + cut.substring(0, 20)).pause(100).cut(),
                new FakeX.Reply().write("{\"data\":{\"id\":\"5003\"},\"text\":}\r\n") // malformed: skipped
                        .write("not json at all\r\n")
                        .write(cut + "\r\n").hold());
        long malformedBefore = given().get("/x/stream").jsonPath().getLong("malformed");
        given().post("/x/stream/start?mode=sample").then().statusCode(202);
        assertEquals(List.of(whole, cut), values(read(2)));
        long malformed = given().get("/x/stream").jsonPath().getLong("malformed");
        assertEquals(malformedBefore + 2, malformed);
        assertEquals(2, x.connections.size());
    }

    @Test
    void operationalDisconnectReconnectsAndDuplicatesArePublishedOnce() {
        x.script(new FakeX.Reply().write(post("6001", "a") + "\r\n" + post("6002", "b") + "\r\n")
                .write("{\"errors\":[{\"title\":\"operational-disconnect\",\"disconnect_type\":\"UpstreamOperationalDisconnect\",\"detail\":\"This stream has been disconnected upstream for operational reasons.\"}]}\r\n")
                .hold(),
                new FakeX.Reply().write(post("6002", "b") + "\r\n" + post("6003", "c") + "\r\n").hold());
        long duplicatesBefore = given().get("/x/stream").jsonPath().getLong("duplicates");
        double disconnectsBefore = Metrics.value(OPERATIONAL_DISCONNECTS);
        double reconnectsBefore = Metrics.value(NETWORK_RECONNECTS);
        given().post("/x/stream/start?mode=sample").then().statusCode(202);
        List<ConsumerRecord<byte[], byte[]>> posts = read(3);
        assertEquals(List.of(post("6001", "a"), post("6002", "b"), post("6003", "c")), values(posts));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> given().get("/x/stream").jsonPath().getLong("duplicates") == duplicatesBefore + 1);
        assertEquals(3, values(topic.read("tweets", from, r -> false, Duration.ofSeconds(1))).size(), "nothing more");
        assertEquals(1, Metrics.value(OPERATIONAL_DISCONNECTS) - disconnectsBefore);
        assertEquals(1, Metrics.value(NETWORK_RECONNECTS) - reconnectsBefore);
    }

    @Test
    void unauthorizedStopsForGoodAndSaysWhichKey() throws InterruptedException {
        failsForGood(new FakeX.Reply().status(401)
                .write("{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}"),
                "pulse.x.bearer-token", "x-stream");
    }

    @Test
    void forbiddenExplainsTheAccessLevel() throws InterruptedException {
        x.script(new FakeX.Reply().status(403).write(
                "{\"client_id\":\"1\",\"required_enrollment\":\"Appropriate Level of API Access\",\"registration_url\":\"https://developer.x.com\",\"title\":\"Client Forbidden\",\"detail\":\"This request must be made using an approved developer account that is enrolled in the requested endpoint.\",\"reason\":\"client-not-enrolled\",\"type\":\"https://api.twitter.com/2/problems/client-forbidden\"}"));
        given().post("/x/stream/start?mode=sample").then().statusCode(202);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/x/stream").then()
                .body("state", equalTo("failed"))
                .body("lastError", containsString("client-not-enrolled"))
                .body("lastError", containsString("pulse.x.stream=filtered")));
        Thread.sleep(1000);
        assertEquals(1, x.connections.size(), "no retry after 403");
    }

    @Test
    void filteredModeReconcilesRulesAndTagsPosts() {
        x.setRules(new JsonObject().put("id", "1").put("value", "quarkus"),
                new JsonObject().put("id", "2").put("value", "old rule").put("tag", "stale"));
        String tagged = new JsonObject().put("data", new JsonObject().put("id", "9001").put("text", "kafka!"))
                .put("matching_rules",
                        new JsonArray().add(new JsonObject().put("id", "100").put("tag", "kafka-posts")))
                .encode();
        x.script(new FakeX.Reply().write(tagged + "\r\n").hold());
        given().post("/x/stream/start?mode=filtered").then().statusCode(202);
        List<ConsumerRecord<byte[], byte[]>> posts = read(1);
        assertEquals("kafka-posts",
                new String(posts.get(0).headers().lastHeader("pulse-rule-tags").value(), StandardCharsets.UTF_8));
        assertEquals("x-filtered",
                new String(posts.get(0).headers().lastHeader("pulse-source").value(), StandardCharsets.UTF_8));
        assertTrue(x.paths.get(0).startsWith("/2/tweets/search/stream"), x.paths.toString());
        List<String> values = x.rules.stream().map(r -> r.getString("value")).sorted().toList();
        assertEquals(List.of("kafka lang:en", "quarkus"), values);
        assertTrue(x.ruleCalls.stream().anyMatch(c -> c.contains("dry_run=true")), x.ruleCalls.toString());
        assertTrue(x.ruleCalls.stream().anyMatch(c -> c.contains("\"delete\"") && c.contains("\"2\"")),
                x.ruleCalls.toString());

        given().get("/x/rules").then().statusCode(200).body("value", Matchers.hasItem("quarkus"));
        given().contentType("application/json").body("{\"value\":\"INVALID rule\"}").post("/x/rules").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("Rules must contain a non-stopword term"));
        String id = given().contentType("application/json").body("{\"value\":\"pulse\",\"tag\":\"ours\"}").post("/x/rules")
                .then().statusCode(201).body("tag", equalTo("ours")).extract().path("id");
        given().delete("/x/rules/" + id).then().statusCode(204);
        assertFalse(x.rules.stream().anyMatch(r -> r.getString("value").equals("pulse")));
        assertFalse(x.userAgents.isEmpty());
        assertTrue(x.userAgents.stream().allMatch(agent -> agent.matches("Pulse/\\S+ .*")),
                "every call to X (stream and rules) names Pulse and its version: " + x.userAgents);
    }

    @Test
    void wellnessTurnsDownWhenDisconnectedTooLongAndReadinessStaysUp() {
        for (int i = 0; i < 10; i++) {
            x.script(new FakeX.Reply().status(503));
        }
        given().post("/x/stream/start?mode=sample").then().statusCode(202);
        given().get("/q/health/well").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/well").then().statusCode(503)
                .body(containsString("pulse.x.max-disconnected")));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/x/stream").then().body("state", Matchers.oneOf("backing-off", "connecting"));
        given().post("/x/stream/stop").then().statusCode(200).body("state", equalTo("stopped"));
        given().get("/q/health/well").then().statusCode(200);
    }

    @Test
    void theMonthlyUsageCapStopsWithoutRetrying() throws InterruptedException {
        failsForGood(new FakeX.Reply().status(429).write("{\"title\":\"UsageCapExceeded\",\"detail\":\"Usage cap exceeded:"
                + " Monthly product cap\",\"period\":\"Monthly\",\"scope\":\"Product\","
                + "\"type\":\"https://api.twitter.com/2/problems/usage-capped\"}"), "monthly usage cap", "usage cap");
    }

    /**
     * The stream's one connection answered {@code reply}: it fails for good ({@code lastError} has {@code why}), never
     * connects again, and the source is unwell ({@code unwell} says so) but never unready.
     */
    private void failsForGood(FakeX.Reply reply, String why, String unwell) throws InterruptedException {
        x.script(reply);
        given().post("/x/stream/start?mode=sample").then().statusCode(202);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/x/stream").then()
                .body("state", equalTo("failed")).body("lastError", containsString(why)));
        Thread.sleep(1000);
        assertEquals(1, x.connections.size(), "no retry after " + why);
        given().get("/q/health/well").then().statusCode(503).body(containsString(unwell));
        given().get("/q/health/ready").then().statusCode(200).body(not(containsString("x-stream")));
    }

    @Test
    void tooManyConnectionsClosesXsConnectionsOnceThenStreams() {
        String tooMany = "{\"title\":\"ConnectionException\",\"detail\":\"This stream is currently at the maximum"
                + " allowed connection limit.\",\"connection_issue\":\"TooManyConnections\","
                + "\"type\":\"https://api.twitter.com/2/problems/streaming-connection\"}";
        x.script(new FakeX.Reply().status(429).write(tooMany), new FakeX.Reply().status(429).write(tooMany),
                new FakeX.Reply().write(post("7001", "after the reset") + "\r\n").hold());
        double reconnectsBefore = Metrics.value(TOO_MANY_CONNECTIONS_RECONNECTS);
        given().post("/x/stream/start?mode=sample").then().statusCode(202);
        List<ConsumerRecord<byte[], byte[]>> posts = read(1);
        assertEquals("7001", new String(posts.get(0).key(), StandardCharsets.UTF_8));
        assertEquals(3, x.connections.size());
        assertEquals(1, x.connectionResets(), "X's connections are closed once, not before every retry");
        assertEquals(2, Metrics.value(TOO_MANY_CONNECTIONS_RECONNECTS) - reconnectsBefore);
    }

    @Test
    void stopIsFinalInEveryState() throws InterruptedException {
        Random random = new Random(13);
        for (int run = 0; run < 60; run++) {
            x.reset();
            switch (run % 4) {
                case 0 -> x.script(new FakeX.Reply().write(post("80" + run, "streaming") + "\r\n").hold()); // streaming
                case 1 -> x.script(new FakeX.Reply().status(503), new FakeX.Reply().status(503)); // backing off
                case 2 -> x.script(new FakeX.Reply().pause(5).cut(), new FakeX.Reply().pause(5).cut(),
                        new FakeX.Reply().pause(5).cut()); // reconnecting at once, again and again
                default -> x.script(new FakeX.Reply().pause(150).write("\r\n").hold()); // connected, nothing yet
            }
            StopRace.startAndStop("/x/stream/start?mode=sample", "/x/stream", random, x::openStreams);
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> read(int count) {
        List<ConsumerRecord<byte[], byte[]>> records = topic.read("tweets", from, r -> r.size() >= count,
                Duration.ofSeconds(20));
        assertEquals(count, records.size(), "posts in tweets: " + values(records));
        return records;
    }

    /** The recording file's bytes so far (Pulse appends every live line it receives). */
    private static byte[] recorded() throws IOException {
        return Files.exists(FakeXResource.RECORDING) ? Files.readAllBytes(FakeXResource.RECORDING)
                : new byte[0];
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
