package dev.pulse.messages;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * REST emit's producer (channel {@code messages}) points at a port where no broker listens, and a request waits at most
 * 1.5 s for the acknowledgement; the start-up emitter run is off, so {@code /sample} stays idle. Everything else
 * (readiness, the emitter's and the console's clients) uses the test broker.
 */
public class MessagesBrokerDownProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mp.messaging.outgoing.messages.bootstrap.servers", "127.0.0.1:9",
                "pulse.rest.timeout", "1500ms",
                "pulse.sample.enabled", "false");
    }
}
