package dev.pulse.messages;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.pulse.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * {@code POST /messages} against the real dev broker: what is answered is what Kafka holds.
 */
@QuarkusTest
class MessagesResourceTest {

    private final TopicProbe topic = new TopicProbe();

    @Test
    void jsonBodyIsOneRecordStoredExactlyAsSent() {
        String body = "{ \"city\": \"Zürich\",\n  \"n\": [1, 2.5, null] }";
        Response answer = given().contentType("application/json").queryParam("key", "k-1")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/messages").then().statusCode(201)
                .body("topic", equalTo("sample"))
                .body("partition", equalTo(0))
                .body("offset", greaterThanOrEqualTo(0))
                .body("timestamp", notNullValue())
                .extract().response();
        long offset = answer.jsonPath().getLong("offset");
        ConsumerRecord<byte[], byte[]> stored = topic.read("sample", offset, r -> !r.isEmpty(), Duration.ofSeconds(10)).get(0);
        assertEquals(offset, stored.offset());
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), stored.value());
        assertArrayEquals("k-1".getBytes(StandardCharsets.UTF_8), stored.key());
    }

    @Test
    void ndjsonBodyIsOneRecordPerLineInOrder() {
        String body = "{\"a\":1}\r\n\n  {\"a\":2}  \n[3]\n";
        Response answer = given().contentType("application/x-ndjson; charset=utf-8").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/messages").then().statusCode(201)
                .body("$", hasSize(3))
                .extract().response();
        List<Long> offsets = answer.jsonPath().getList("offset", Long.class);
        assertEquals(offsets.get(0) + 1, offsets.get(1));
        assertEquals(offsets.get(1) + 1, offsets.get(2));
        List<ConsumerRecord<byte[], byte[]>> stored = topic.read("sample", offsets.get(0), r -> r.size() >= 3,
                Duration.ofSeconds(10));
        assertEquals("{\"a\":1}", new String(stored.get(0).value(), StandardCharsets.UTF_8));
        assertEquals("{\"a\":2}", new String(stored.get(1).value(), StandardCharsets.UTF_8));
        assertEquals("[3]", new String(stored.get(2).value(), StandardCharsets.UTF_8));
        assertNull(stored.get(0).key());
    }

    @Test
    void badJsonIs400WithLineAndColumn() {
        given().contentType("application/json").body("{\"a\": 1,\n  \"b\": tru }")
                .post("/messages").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Bad JSON"))
                .body("line", equalTo(2))
                .body("column", greaterThanOrEqualTo(8))
                .body("detail", containsString("tru"));
        given().contentType("application/json").body("{\"a\":1} {\"b\":2}")
                .post("/messages").then().statusCode(400).body("detail", containsString("after the JSON value"));
        given().contentType("application/json").body("")
                .post("/messages").then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").body(new byte[] { '"', (byte) 0xC3, (byte) 0x28, '"' })
                .post("/messages").then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").body("[".repeat(5000) + "]".repeat(5000))
                .post("/messages").then().statusCode(400).body("detail", containsString("nesting"));
    }

    @Test
    void badNdjsonLineRejectsTheWholeBatch() {
        long before = topic.endOffset("sample");
        given().contentType("application/x-ndjson; charset=utf-8")
                .body("{\"ok\":1}\n{\"ok\":2}\n{oops}\n{\"ok\":4}\n".getBytes(StandardCharsets.UTF_8))
                .post("/messages").then().statusCode(400)
                .contentType("application/problem+json")
                .body("line", equalTo(3))
                .body("column", equalTo(2))
                .body("detail", containsString("no record of this batch was sent"));
        given().contentType("application/x-ndjson; charset=utf-8").body("\n \n".getBytes(StandardCharsets.UTF_8))
                .post("/messages").then().statusCode(400).body("title", equalTo("Empty batch"));
        given().contentType("application/json").body("{\"marker\":\"after-bad-batch\"}")
                .post("/messages").then().statusCode(201);
        List<ConsumerRecord<byte[], byte[]>> written = topic.read("sample", before,
                r -> r.stream().anyMatch(c -> new String(c.value(), StandardCharsets.UTF_8).contains("after-bad-batch")),
                Duration.ofSeconds(10));
        assertEquals(0, written.stream().filter(c -> new String(c.value(), StandardCharsets.UTF_8).contains("\"ok\"")).count());
    }

    @Test
    void tooLargeIs413() {
        byte[] big = ("{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json").body(big)
                .post("/messages").then().statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("pulse.rest.max-bytes"));
    }

    @Test
    void wrongMediaTypeIs415() {
        given().contentType("text/plain").body("{\"a\":1}")
                .post("/messages").then().statusCode(415)
                .contentType("application/problem+json")
                .body("detail", containsString("application/x-ndjson"));
        given().contentType("application/json; charset=ISO-8859-1").body("{\"a\":1}".getBytes(StandardCharsets.ISO_8859_1))
                .post("/messages").then().statusCode(415).body("title", equalTo("Unsupported charset"));
    }

    @Test
    void unknownPathIsProblem404() {
        given().get("/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
