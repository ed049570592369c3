package dev.pulse.messages;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The fault profile (one profile for several checks, to keep app restarts few): REST emit's producer points at a
 * port where no broker listens, with a short acknowledgement timeout; an API key guards the mutating endpoints;
 * the console consumer dead-letters poison records; an X token is configured (stream off) for the secrets checks.
 */
public class BrokerDownProfile implements QuarkusTestProfile {

    public static final String API_KEY = "k-3a9f-SECRET-test";
    public static final String X_TOKEN = "xt-77c1-SECRET-test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mp.messaging.outgoing.messages.bootstrap.servers", "127.0.0.1:9",
                "pulse.rest.timeout", "1500ms",
                "pulse.auth.api-key", API_KEY,
                "pulse.sample.enabled", "false",
                "pulse.console.failure-strategy", "dead-letter-queue",
                "pulse.x.bearer-token", X_TOKEN,
                "pulse.x.stream", "off");
    }
}
