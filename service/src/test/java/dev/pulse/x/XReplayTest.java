package dev.pulse.x;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.pulse.TopicProbe;
import dev.pulse.source.StreamPublisher;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Replay without a token or network: the bundled capture goes through the same framing and publishing path into
 * {@code tweets}, every post once, byte for byte.
 */
@QuarkusTest
class XReplayTest {

    @Test
    void bundledCaptureIsReplayedIntoTweets() throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(StreamPublisher.bundledReplay("x"))) {
            lines = Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r\n"))
                    .filter(l -> !l.isEmpty()).toList();
        }
        assertTrue(lines.size() >= 200, "bundled posts: " + lines.size());
        TopicProbe topic = new TopicProbe();
        long from = topic.endOffset("tweets");
        JsonPath before = given().get("/x/stream").then().extract().jsonPath();
        given().get("/x/stream").then().body("mode", equalTo("off"));
        given().post("/x/stream/start?mode=sample").then().statusCode(400)
                .body("detail", containsString("pulse.x.bearer-token"));
        given().get("/x/rules").then().statusCode(409).body("detail", containsString("pulse.x.bearer-token"));

        given().post("/x/stream/start?mode=replay").then().statusCode(202).body("mode", equalTo("replay"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/x/stream").then()
                .body("state", equalTo("completed")));
        List<ConsumerRecord<byte[], byte[]>> posts = topic.read("tweets", from, r -> r.size() >= lines.size(),
                Duration.ofSeconds(20));
        assertEquals(lines, posts.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList());
        Set<String> keys = posts.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
        assertEquals(lines.size(), keys.size());
        assertEquals("x-replay", new String(posts.get(0).headers().lastHeader("pulse-source").value(), StandardCharsets.UTF_8));
        JsonPath after = given().get("/x/stream").then().body("source", containsString("replay-sample.ndjson"))
                .extract().jsonPath();
        assertEquals(lines.size(), after.getLong("published") - before.getLong("published"));
        assertEquals(0, after.getLong("malformed") - before.getLong("malformed"));
        given().get("/q/health/well").then().statusCode(200).body(containsString("x-stream"));
    }
}
