package dev.pulse.channels;

import java.util.List;
import java.util.Map;

import dev.pulse.x.FakeXResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/**
 * The producing channels {@code sample}, {@code messages} and {@code tweets} on SmallRye's in-memory connector (the
 * {@code bluesky} channel and the console consumer stay on the test broker), with {@link dev.pulse.x.FakeX} as X and
 * {@link FakeXResource}'s settings (a token, short back-offs, the X stream and the start-up emitter run off): the
 * channel logic, without Kafka behind it.
 */
public class InMemoryChannelsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mp.messaging.outgoing.sample.connector", InMemoryConnector.CONNECTOR,
                "mp.messaging.outgoing.messages.connector", InMemoryConnector.CONNECTOR,
                "mp.messaging.outgoing.tweets.connector", InMemoryConnector.CONNECTOR);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeXResource.class));
    }
}
