package dev.pulse.channels;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemorySink;

/**
 * REST emit's channel {@code messages} on the in-memory connector: what a POST puts on the channel, and what a bad
 * batch does not.
 */
@QuarkusTest
@TestProfile(InMemoryChannelsProfile.class)
class MessagesChannelTest {

    private InMemorySink<String> sink;

    @BeforeEach
    void emptySink() {
        sink = InMemorySinks.empty("messages");
    }

    @Test
    void oneJsonBodyIsOneRecordWithItsKey() {
        given().contentType("application/json").body("{\"hello\": \"channel\"}").post("/messages?key=k-1").then()
                .statusCode(201).body("topic", equalTo("sample"));
        List<? extends Message<String>> messages = sink.received();
        assertEquals(List.of("{\"hello\": \"channel\"}"), messages.stream().map(Message::getPayload).toList());
        assertEquals("k-1", messages.get(0).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey());
    }

    @Test
    void anNdjsonBatchIsItsRecordsInOrder() {
        given().contentType("application/x-ndjson; charset=utf-8").body(bytes("{\"n\":1}\n\n{\"n\":2}\r\n  {\"n\":3}\n"))
                .post("/messages")
                .then().statusCode(201).body("$", hasSize(3));
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"),
                sink.received().stream().map(Message::getPayload).toList());
    }

    @Test
    void aBatchWithABadLineSendsNothing() throws InterruptedException {
        given().contentType("application/x-ndjson; charset=utf-8").body(bytes("{\"n\":1}\n{\"n\":}\n{\"n\":3}\n"))
                .post("/messages").then()
                .statusCode(400).body("line", equalTo(2));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> sink.received().isEmpty());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
