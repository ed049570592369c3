package dev.pulse.x;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Pulse against {@link FakeX}, started by {@link FakeXResource}: X's URL, a bearer token, short stall and back-off
 * times, two filtered-stream rules, a recording file; the X stream and the start-up emitter run off.
 */
public class FakeXProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeXResource.class));
    }
}
