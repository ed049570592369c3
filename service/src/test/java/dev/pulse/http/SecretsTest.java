package dev.pulse.http;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.pulse.LogCapture;
import dev.pulse.x.FakeX;
import dev.pulse.x.FakeXResource;
import dev.pulse.x.XConfig;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.Secret;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The secrets, the API key and the X bearer token, never show: not in the logs (the packaged app: its whole log
 * file), not in the X stream's status after X refused the token, nor in health, metrics, the other status endpoints or
 * problem answers, nor in configuration listings (Dev UI's configuration page, config dumps), under their property or
 * their environment names. Yet the mappings carry them, and the token reaches X. Every check of secrecy is here.
 */
@QuarkusTest
@TestProfile(SecretsProfile.class)
class SecretsTest {

    private static final List<String> PROPERTIES = List.of("pulse.x.bearer-token", "pulse.auth.api-key");

    private FakeX x;
    private LogCapture logs;

    @BeforeEach
    void fresh() {
        given().header("X-API-Key", SecretsProfile.API_KEY).post("/x/stream/stop").then().statusCode(200);
        x = FakeXResource.server();
        x.reset();
        logs = logs();
    }

    @AfterEach
    void stop() {
        logs.close();
        given().header("X-API-Key", SecretsProfile.API_KEY).post("/x/stream/stop").then().statusCode(200);
    }

    @Test
    void noAnswerShowsThem() {
        xRefusesTheToken();
        for (String path : List.of("/x/stream", "/x/rules", "/sample", "/q/health", "/q/health/well", "/q/metrics")) {
            assertNoSecret(path, given().get(path).asString());
        }
        assertNoSecret("401 without the key", given().contentType("application/json").body("{}").post("/messages")
                .then().statusCode(401).contentType("application/problem+json").extract().asString());
        assertNoSecret("401 with a wrong key", given().header("X-API-Key", SecretsProfile.API_KEY + "-not")
                .contentType("application/json").body("{}").post("/messages").then().statusCode(401).extract().asString());
        assertNoSecret("401 with a wrong bearer", given().header("Authorization", "Bearer " + SecretsProfile.API_KEY + "x")
                .post("/x/stream/stop").then().statusCode(401).extract().asString());
        assertNoSecret("400 with the key", given().header("X-API-Key", SecretsProfile.API_KEY)
                .contentType("application/json").body("{\"a\": }").post("/messages").then().statusCode(400)
                .contentType("application/problem+json").extract().asString());
    }

    @Test
    void theLogsNeverShowThem() {
        xRefusesTheToken();
        logs.awaitLine(line -> line.contains("X answered HTTP 401"), Duration.ofSeconds(10)); // the logs are captured
        given().header("X-API-Key", "wrong").post("/sample/stop").then().statusCode(401);
        List<String> lines = logs.lines();
        assertEquals(List.of(), lines.stream().filter(SecretsTest::showsASecret).toList(), lines.size() + " lines");
    }

    @Test
    @DisabledOnIntegrationTest("reads the configuration inside the application's JVM")
    void configurationListingsDoNotShowThemNorHandThemOut() {
        var config = ConfigProvider.getConfig();
        List<String> names = StreamSupport.stream(config.getPropertyNames().spliterator(), false).toList();
        assertFalse(names.isEmpty());
        for (String secret : PROPERTIES) {
            assertFalse(names.contains(secret), secret + " listed");
            assertThrows(SecurityException.class, () -> config.getConfigValue(secret), secret + " readable by name");
        }
    }

    @Test
    @DisabledOnIntegrationTest("reads the configuration inside the application's JVM")
    void theMappingsStillCarryThem() {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        assertEquals(SecretsProfile.API_KEY, config.getConfigMapping(AuthConfig.class).apiKey().map(Secret::get).orElseThrow());
        assertEquals(SecretsProfile.X_TOKEN,
                config.getConfigMapping(XConfig.class).bearerToken().map(Secret::get).orElseThrow());
    }

    /**
     * Secrets given as environment variables (the way the README recommends) are not listed under their environment
     * names either (listings walk the property names), and still reach the mappings.
     */
    @Test
    @DisabledOnIntegrationTest("a configuration built in the test JVM: nothing of the packaged app")
    void environmentSpellingsAreSecretToo() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of("PULSE_X_BEARER_TOKEN", "tok-SECRET", "PULSE_AUTH_API_KEY",
                        "key-SECRET", "PULSE_CONSOLE_MAX_CHARS", "80"), 300))
                .withCustomizers(new SecretNames())
                .withMapping(AuthConfig.class)
                .build();
        List<String> names = StreamSupport.stream(config.getPropertyNames().spliterator(), false).toList();
        assertTrue(names.contains("PULSE_CONSOLE_MAX_CHARS"), names::toString);
        for (String secret : SecretNames.ENV_NAMES) {
            assertFalse(names.contains(secret), secret + " listed");
        }
        assertEquals("key-SECRET", config.getConfigMapping(AuthConfig.class).apiKey().map(Secret::get).orElseThrow());
    }

    /** What the app logs while this test runs (the packaged app: its log file, from its start). */
    protected LogCapture logs() {
        return LogCapture.category("");
    }

    /** Starts the X stream, X answers 401: the token goes out, and the failure is reported and logged. */
    private void xRefusesTheToken() {
        x.script(new FakeX.Reply().status(401).write("{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,"
                + "\"detail\":\"Unauthorized\"}"));
        given().header("X-API-Key", SecretsProfile.API_KEY).post("/x/stream/start?mode=sample").then().statusCode(202);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/x/stream").then()
                .body("state", equalTo("failed")).body("lastError", containsString("pulse.x.bearer-token")));
        assertTrue(x.authorizations.contains("Bearer " + SecretsProfile.X_TOKEN), "the token is sent to X");
    }

    private static boolean showsASecret(String text) {
        return text.contains(SecretsProfile.X_TOKEN) || text.contains(SecretsProfile.API_KEY) || text.contains("SECRET");
    }

    private static void assertNoSecret(String where, String text) {
        assertFalse(text.isEmpty(), where + ": empty");
        assertFalse(showsASecret(text), where + ": " + text);
    }
}
