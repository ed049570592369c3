package dev.pulse.bluesky;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Pulse against {@link FakeJetstream}: the Bluesky tests' one profile.
 */
public class BlueskyProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeJetstreamResource.class));
    }
}
