package dev.pulse;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Readiness includes Kafka; metrics count emitted, REST-accepted and consumed records per topic; OpenAPI is served.
 */
@QuarkusTest
class HealthAndMetricsTest {

    @Test
    void readinessChecksKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Kafka connection health check"));
    }

    @Test
    void metricsCountRecordsPerTopic() {
        given().contentType("application/json").body("{\"metric\":1}").post("/messages").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pulse_records_accepted_total{topic=\"sample\"}"))
                .body(containsString("pulse_records_emitted_total{topic=\"sample\"}"))
                .body(containsString("pulse_records_consumed_total{topic=\"sample\"}")));
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/messages")).body(containsString("/sample/start"));
    }
}
