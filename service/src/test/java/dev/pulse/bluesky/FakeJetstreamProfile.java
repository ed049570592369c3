package dev.pulse.bluesky;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Pulse against {@link FakeJetstream}, started by {@link FakeJetstreamResource}: its URL twice (so a reconnect rotates
 * hosts), short rewind, stall and back-off times, an 8 KB message limit; the Bluesky stream and the start-up emitter
 * run off.
 */
public class FakeJetstreamProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeJetstreamResource.class));
    }
}
