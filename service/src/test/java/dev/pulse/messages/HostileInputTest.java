package dev.pulse.messages;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.pulse.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Over a thousand generated malformed requests: every one gets a 4xx problem, none a 5xx, no bad batch writes
 * anything, and the service stays healthy.
 */
@QuarkusTest
class HostileInputTest {

    private static final String VALID = "{\"id\":\"hostile\",\"list\":[1,2.5,-3e4,true,null,{\"nested\":\"é 🚀\"}],\"s\":\"a\\\"b\"}";

    @Test
    void malformedRequestsGetA4xxAndNothingIsWritten() {
        Random random = new Random(20261125);
        TopicProbe topic = new TopicProbe();
        long before = topic.endOffset("sample");
        Map<Integer, Integer> statuses = new TreeMap<>();
        int sent = 0;
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 1100; i++) {
            byte[] body;
            String type = "application/json";
            switch (i % 11) {
                case 0, 1, 2 -> body = Arrays.copyOf(valid, random.nextInt(valid.length - 1)); // truncated
                case 3 -> { // a byte replaced by a byte that is not valid UTF-8 inside a string
                    body = valid.clone();
                    body[VALID.indexOf("hostile") + random.nextInt(7)] = (byte) (0x80 + random.nextInt(0x40));
                }
                case 4 -> body = ("[".repeat(1001 + random.nextInt(3000))).getBytes(StandardCharsets.UTF_8);
                case 5 -> { // NDJSON with a bad line in the middle
                    type = "application/x-ndjson; charset=utf-8";
                    body = (VALID + "\n" + VALID + "\n" + VALID.substring(0, 10 + random.nextInt(20)) + "\n" + VALID + "\n")
                            .getBytes(StandardCharsets.UTF_8);
                }
                case 6 -> {
                    type = new String[] { "text/plain", "application/xml", "multipart/form-data; boundary=x",
                            "application/octet-stream", "application/json; charset=utf-16", "nonsense" }[random.nextInt(6)];
                    body = valid;
                }
                case 7 -> body = ("{\"a\":" + VALID + "} trailing").getBytes(StandardCharsets.UTF_8);
                case 8 -> { // random garbage
                    body = new byte[1 + random.nextInt(200)];
                    random.nextBytes(body);
                    body[0] = '{';
                }
                case 9 -> body = (i / 11) % 10 == 0 ? new byte[1024 * 1024 + 1 + random.nextInt(1000)] : new byte[0]; // huge / empty
                default -> { // bad control values
                    int status = given().post("/sample/start?count=" + (random.nextBoolean() ? "-5" : "abc")
                            + "&interval=" + (random.nextBoolean() ? "x" : "-1s")).statusCode();
                    statuses.merge(status, 1, Integer::sum);
                    sent++;
                    continue;
                }
            }
            int status = given().contentType(type).body(body).post("/messages").statusCode();
            statuses.merge(status, 1, Integer::sum);
            sent++;
        }
        System.out.printf("HostileInputTest: %d malformed requests, statuses %s%n", sent, statuses);
        assertTrue(sent >= 1000);
        assertTrue(statuses.keySet().stream().allMatch(s -> s == 400 || s == 413 || s == 415), statuses::toString);
        given().get("/q/health/ready").then().statusCode(200);
        given().contentType("application/json").body("{\"after\":\"hostile\"}").post("/messages").then().statusCode(201);
        long hostile = topic.read("sample", before, r -> r.stream().anyMatch(c -> new String(c.value(),
                StandardCharsets.UTF_8).contains("\"after\":\"hostile\"")), Duration.ofSeconds(20)).stream()
                .filter(c -> new String(c.value(), StandardCharsets.UTF_8).contains("\"id\":\"hostile\"")).count();
        assertEquals(0, hostile, "no record of a rejected request or batch was written");
    }
}
