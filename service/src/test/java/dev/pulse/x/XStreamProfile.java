package dev.pulse.x;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Pulse against {@link FakeX}: the X stream tests' one profile.
 */
public class XStreamProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeXResource.class));
    }
}
