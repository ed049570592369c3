package dev.pulse.channels;

import java.util.List;
import java.util.Map;

import dev.pulse.x.FakeXResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/**
 * Every producing channel ({@code sample}, {@code messages}, {@code tweets}) on SmallRye's in-memory connector, with
 * {@link dev.pulse.x.FakeX} as X: the channel logic, without Kafka behind it.
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
