package dev.pulse.http;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * An API key is configured ({@code pulse.auth.api-key}): mutating requests and the live record tail need it. No
 * start-up emitter run: the tests start and stop runs themselves.
 */
public class ApiKeyProfile implements QuarkusTestProfile {

    static final String API_KEY = "k-5d21-api-key-test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pulse.auth.api-key", API_KEY, "pulse.sample.enabled", "false");
    }
}
