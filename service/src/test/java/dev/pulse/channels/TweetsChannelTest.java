package dev.pulse.channels;

import static dev.pulse.x.FakeX.post;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.pulse.x.FakeX;
import dev.pulse.x.FakeXResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemorySink;

/**
 * The X stream publisher's channel {@code tweets} on the in-memory connector, fed by {@link FakeX}: exactly the
 * expected records, whatever the chunking, keep-alives, error lines, malformed lines and duplicates around them.
 */
@QuarkusTest
@TestProfile(InMemoryChannelsProfile.class)
class TweetsChannelTest {

    private InMemorySink<byte[]> sink;
    private FakeX x;

    @BeforeEach
    void fresh() {
        stop();
        x = FakeXResource.server();
        x.reset();
        sink = InMemorySinks.empty("tweets");
    }

    @AfterEach
    void stop() {
        given().post("/x/stream/stop").then().statusCode(200);
    }

    @Test
    void onlyFirstSeenPostsBecomeRecordsKeyedByTheirId() {
        String a = post("71", "first ✨");
        String b = post("72", "second");
        String c = post("73", "third");
        byte[] all = (a + "\r\n\r\n" + "{\"errors\":[{\"title\":\"rule-error\",\"detail\":\"just a notice\"}]}\r\n"
                + b + "\r\n" + "not json\r\n" + a + "\r\n" + c + "\r\n").getBytes(StandardCharsets.UTF_8);
        int cut = 9; // inside a's JSON: a line spans two chunks
        x.script(new FakeX.Reply().write(Arrays.copyOfRange(all, 0, cut)).pause(50)
                .write(Arrays.copyOfRange(all, cut, all.length)).hold());
        long before = given().get("/x/stream").jsonPath().getLong("published");
        given().post("/x/stream/start?mode=sample").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.received().size() >= 3);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> sink.received().size() == 3);
        List<? extends Message<byte[]>> records = sink.received();
        assertEquals(List.of(a, b, c), records.stream().map(m -> new String(m.getPayload(), StandardCharsets.UTF_8))
                .toList());
        assertEquals(List.of("71", "72", "73"), records.stream()
                .map(m -> m.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey()).toList());
        Headers headers = records.get(0).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getHeaders();
        assertEquals("x-sample", new String(headers.lastHeader("pulse-source").value(), StandardCharsets.UTF_8));
        given().get("/x/stream").then().body("published", equalTo((int) before + 3));
    }

    @Test
    void aDisconnectNoticeEndsTheConnectionAfterThePostsBeforeIt() {
        x.script(new FakeX.Reply().write(post("81", "a") + "\r\n"
                + "{\"errors\":[{\"title\":\"operational-disconnect\",\"disconnect_type\":\"UpstreamOperationalDisconnect\"}]}\r\n"
                + post("82", "never: after the notice") + "\r\n").hold(),
                new FakeX.Reply().write(post("83", "b") + "\r\n").hold());
        given().post("/x/stream/start?mode=sample").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.received().size() >= 2);
        assertEquals(List.of(post("81", "a"), post("83", "b")), sink.received().stream()
                .map(m -> new String(m.getPayload(), StandardCharsets.UTF_8)).toList());
        assertEquals(2, x.connections.size());
    }
}
