package dev.pulse.rest;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * REST emit's producer points at a port where no broker listens, with a short acknowledgement timeout.
 */
public class BrokerDownProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mp.messaging.outgoing.messages.bootstrap.servers", "127.0.0.1:9",
                "pulse.rest.timeout", "1500ms",
                "pulse.sample.enabled", "false");
    }
}
