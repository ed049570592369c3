package dev.pulse.channels;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemorySink;

/**
 * The emitter's channel {@code sample} on the in-memory connector: a run's records, their headers, and the pace.
 */
@QuarkusTest
@TestProfile(InMemoryChannelsProfile.class)
class SampleChannelTest {

    private InMemorySink<String> sink;

    @BeforeEach
    void emptySink() {
        stop();
        sink = InMemorySinks.empty("sample");
    }

    @AfterEach
    void stop() {
        given().post("/sample/stop").then().statusCode(200);
    }

    @Test
    void aBulkRunSendsEveryRecordOnceInOrder() {
        given().post("/sample/start?count=2000&interval=0").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "completed".equals(given().get("/sample").path("state")));
        List<? extends Message<String>> messages = sink.received();
        assertEquals(LongStream.range(0, 2000).mapToObj(n -> "{\"number\":" + n + "}").toList(),
                messages.stream().map(Message::getPayload).toList());
        List<String> seqs = new ArrayList<>();
        for (Message<String> message : messages) {
            Headers headers = message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getHeaders();
            seqs.add(new String(headers.lastHeader("pulse-seq").value(), StandardCharsets.UTF_8));
            assertEquals("sample-emitter", new String(headers.lastHeader("pulse-source").value(), StandardCharsets.UTF_8));
        }
        assertEquals(LongStream.range(0, 2000).mapToObj(Long::toString).toList(), seqs);
        given().get("/sample").then().body("emitted", equalTo(2000)).body("acknowledged", equalTo(2000));
    }

    @Test
    void aPacedRunWaitsTheIntervalBetweenRecords() {
        long start = System.nanoTime();
        given().post("/sample/start?count=4&interval=300ms").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.received().size() == 4);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs >= 3 * 300, "4 records 300 ms apart arrived within " + elapsedMs + " ms");
        await().atMost(Duration.ofSeconds(2)).until(() -> "completed".equals(given().get("/sample").path("state")));
        assertEquals(4, sink.received().size());
    }

    @Test
    void stopEndsAPacedRun() throws InterruptedException {
        given().post("/sample/start?count=100&interval=200ms").then().statusCode(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.received().size() >= 2);
        given().post("/sample/stop").then().statusCode(200).body("state", equalTo("stopped"));
        int atStop = sink.received().size();
        Thread.sleep(600);
        assertTrue(sink.received().size() <= atStop + 1, "at most the record in flight after stop");
    }
}
