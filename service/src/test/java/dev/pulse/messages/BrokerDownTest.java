package dev.pulse.messages;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * When Kafka does not acknowledge, {@code POST /messages} answers 503 with Retry-After after a bounded wait: no hang,
 * no 2xx, and the service keeps serving.
 */
@QuarkusTest
@TestProfile(MessagesBrokerDownProfile.class)
class BrokerDownTest {

    @Test
    void unacknowledgedRecordIs503WithRetryAfter() {
        long began = System.nanoTime();
        given().contentType("application/json").body("{\"a\":1}")
                .post("/messages").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("status", equalTo(503))
                .body("detail", containsString("pulse.rest.timeout"));
        long millis = (System.nanoTime() - began) / 1_000_000;
        Assertions.assertTrue(millis < 10_000, "answered after " + millis + " ms");
        given().contentType("application/x-ndjson; charset=utf-8")
                .body("{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8))
                .post("/messages").then().statusCode(503).header("Retry-After", "1");
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/sample").then().statusCode(200).body("state", equalTo("idle"));
    }
}
