package dev.pulse.owner;

import java.util.HashMap;
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
        return ownGroup(TOPIC, GROUP);
    }

    /** A control topic and owners' group of a test's own, a replica name it can look for, no start-up emitter run. */
    static Map<String, String> ownGroup(String controlTopic, String group) {
        Map<String, String> config = new HashMap<>();
        config.put("pulse.topics.control", controlTopic);
        config.put("pulse.owners.group-id", group);
        config.put("pulse.owners.replica-id", "pulse-under-test");
        config.put("pulse.sample.enabled", "false");
        return config;
    }
}
