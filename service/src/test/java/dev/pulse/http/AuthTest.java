package dev.pulse.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With {@code pulse.auth.api-key} set, every mutating endpoint and the live record tail answer 401 without it; status,
 * rates, the page and health stay open. That the key never shows is {@link SecretsTest}'s.
 */
@QuarkusTest
@TestProfile(ApiKeyProfile.class)
class AuthTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void mutatingEndpointsNeedTheKey() {
        for (String path : new String[] { "/messages", "/sample/start", "/sample/stop", "/x/stream/start",
                "/x/stream/stop", "/x/rules" }) {
            given().contentType("application/json").body("{}").post(path).then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", "ApiKey")
                    .body("detail", containsString("X-API-Key"));
            given().header("X-API-Key", "wrong").contentType("application/json").body("{}").post(path).then()
                    .statusCode(401).body("detail", containsString("not the one configured"));
        }
        given().delete("/x/rules/1").then().statusCode(401);
        given().header("X-API-Key", ApiKeyProfile.API_KEY).post("/sample/stop").then().statusCode(200);
        given().header("Authorization", "Bearer " + ApiKeyProfile.API_KEY).post("/x/stream/stop").then()
                .statusCode(200);
    }

    @Test
    void readOnlyEndpointsStayOpen() {
        given().get("/sample").then().statusCode(200);
        given().get("/x/stream").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theRecordTailNeedsTheKeyAndTheRatesDoNot() throws Exception {
        given().get("/live/records").then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("X-API-Key"));
        given().header("X-API-Key", "wrong").get("/live/records").then().statusCode(401);
        for (String variant : new String[] { "/live/records/", "//live/records", "/live//records", "/live/./records" }) {
            HttpResponse<InputStream> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://" + root.getHost() + ":" + root.getPort() + variant)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            answer.body().close();
            assertEquals(401, answer.statusCode(), variant);
        }
        try (Opened tail = open("/live/records", ApiKeyProfile.API_KEY)) {
            assertEquals(200, tail.response.statusCode());
            assertTrue(tail.response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        }
        try (Opened rates = open("/live/rates", null)) {
            assertEquals(200, rates.response.statusCode());
            String first = rates.firstEvent();
            assertTrue(first.startsWith("data:") && first.contains("\"history\"") && first.contains("\"topics\""),
                    first);
        }
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("app.js"));
    }

    /** An SSE response, open until closed (RestAssured would wait for its end). */
    private record Opened(HttpResponse<InputStream> response) implements AutoCloseable {

        String firstEvent() throws IOException {
            StringBuilder event = new StringBuilder();
            InputStream body = response.body();
            for (int b = body.read(); b >= 0; b = body.read()) {
                event.append((char) b);
                if (event.toString().endsWith("\n\n")) {
                    break;
                }
            }
            return new String(event.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            response.body().close();
        }
    }

    private Opened open(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root.toString()).resolve(path))
                .header("Accept", "text/event-stream");
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return new Opened(HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }
}
