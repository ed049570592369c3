package dev.pulse.sample;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.pulse.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The static-data emitter against the real dev broker (test profile: a start-up run of 300 records, interval 0). A
 * test that starts a run waits until none is going, reads the topic from where it ended before, and leaves the emitter
 * stopped.
 */
@QuarkusTest
class SampleEmitterTest {

    private final TopicProbe topic = new TopicProbe();

    @AfterEach
    void stop() {
        given().post("/sample/stop").then().statusCode(200);
    }

    @Test
    void theStartUpRunWritesTheDatasetInOrder() {
        // written before any run a test starts: the first 300 records of the numbers data set in the topic. (An app
        // started earlier on the same broker may have written some: each start-up run resumes where the topic ends.)
        List<ConsumerRecord<byte[], byte[]>> numbers = emitted(topic.read("sample", 0, r -> emitted(r).size() >= 300,
                Duration.ofSeconds(30)));
        assertTrue(numbers.size() >= 300, "found " + numbers.size());
        for (int n = 0; n < 300; n++) {
            assertEquals("{\"number\":" + n + "}", new String(numbers.get(n).value(), StandardCharsets.UTF_8));
            assertEquals(Integer.toString(n), header(numbers.get(n), "pulse-seq"));
        }
    }

    @Test
    void aRunWritesTheNumbersInOrderAndCountsAcknowledgements() {
        awaitNoRun();
        long from = topic.endOffset("sample");
        given().post("/sample/start?count=300&interval=0").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/sample").then()
                .statusCode(200).body("acknowledged", equalTo(300)));
        given().get("/sample").then().body("state", equalTo("completed")).body("emitted", equalTo(300))
                .body("total", equalTo(300)).body("failed", equalTo(0)).body("topic", equalTo("sample"));
        List<String> numbers = emitted(topic.read("sample", from, r -> emitted(r).size() >= 300, Duration.ofSeconds(20)))
                .stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertEquals(IntStream.range(0, 300).mapToObj(n -> "{\"number\":" + n + "}").toList(), numbers);
    }

    @Test
    void startStopAndConflict() throws InterruptedException {
        awaitNoRun();
        given().post("/sample/start?count=100000&interval=50ms").then().statusCode(202)
                .body("total", Matchers.anyOf(Matchers.nullValue(), equalTo(100000)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/sample").then()
                .body("state", equalTo("running")).body("acknowledged", Matchers.greaterThan(2)));
        given().post("/sample/start").then().statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Already running"));
        given().post("/sample/stop").then().statusCode(200).body("state", equalTo("stopped"));
        Thread.sleep(300);
        int emitted = given().get("/sample").path("emitted");
        Thread.sleep(500);
        given().get("/sample").then().body("state", equalTo("stopped")).body("emitted", equalTo(emitted));
        assertTrue(emitted < 100, "stopped after " + emitted);
        given().post("/sample/start?interval=soon").then().statusCode(400).body("detail",
                Matchers.containsString("interval"));
        given().post("/sample/start?count=-1").then().statusCode(400);
        given().post("/sample/stop").then().statusCode(200);
    }

    @Test
    void bulkRunStopsPromptlyAndKafkaAcknowledgesEveryRecordHandedOver() {
        awaitNoRun();
        given().post("/sample/start?count=5000000&interval=0").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/sample").<Integer> path("acknowledged") > 2000);
        given().post("/sample/stop").then().statusCode(200).body("state", equalTo("stopped"));
        // what the run handed to the producer before the stop is all acknowledged; nothing fails, nothing more is sent
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            int emitted = given().get("/sample").path("emitted");
            given().get("/sample").then().body("acknowledged", equalTo(emitted)).body("failed", equalTo(0));
        });
        int emitted = given().get("/sample").path("emitted");
        assertTrue(emitted < 5_000_000, "stopped after " + emitted);
    }

    private static void awaitNoRun() {
        // a run is "starting" while it reads its resume point from the topic
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !List.of("starting", "running").contains(given().get("/sample").path("state")));
    }

    /** The emitter's records of the numbers data set, in topic order. */
    private static List<ConsumerRecord<byte[], byte[]>> emitted(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> "sample-emitter".equals(header(r, "pulse-source"))
                && "numbers".equals(header(r, "pulse-dataset"))).toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
