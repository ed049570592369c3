package dev.pulse.owner;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A control topic and owners' group of this test's own (the test joins the group as a second replica), and no
 * start-up emitter run, so every source is idle until the test starts it.
 */
public class OwnersProfile implements QuarkusTestProfile {

    static final String TOPIC = "owners-test-control";
    static final String GROUP = "owners-test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "pulse.topics.control", TOPIC,
                "pulse.owners.group-id", GROUP,
                "pulse.owners.replica-id", "pulse-under-test",
                "pulse.sample.enabled", "false");
    }
}
