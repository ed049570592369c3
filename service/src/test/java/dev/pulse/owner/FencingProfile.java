package dev.pulse.owner;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * An owners' group and a sample topic of this test's own: the test expels Pulse from the group mid-run and then
 * counts every record of the run in the topic.
 */
public class FencingProfile implements QuarkusTestProfile {

    static final String GROUP = "fencing-test";
    static final String TOPIC = "fencing-sample";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = OwnersProfile.ownGroup("fencing-test-control", GROUP);
        config.put("pulse.topics.sample", TOPIC);
        return config;
    }
}
