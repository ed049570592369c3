package dev.pulse;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

    /** The live sources' series exist from start-up, under the names the README gives (their tagged ones come later). */
    @Test
    void liveSourceSeriesKeepTheirDocumentedNames() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : List.of("pulse_x_received_total", "pulse_x_published_total", "pulse_x_malformed_total",
                "pulse_x_duplicates_total", "pulse_x_backoff_seconds", "pulse_bluesky_received_total",
                "pulse_bluesky_published_total", "pulse_bluesky_duplicates_total", "pulse_bluesky_reconnects_total",
                "pulse_bluesky_backoff_seconds",
                "pulse_bluesky_cursor_lag_seconds")) {
            assertTrue(readme.contains("`" + name + "`"), name + " is not in the README");
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith(name + " ") || line.startsWith(name + "{")),
                    name + " is not served");
        }
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/messages")).body(containsString("/sample/start"));
    }
}
