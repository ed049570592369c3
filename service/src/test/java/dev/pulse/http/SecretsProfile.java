package dev.pulse.http;

import java.util.List;
import java.util.Map;

import dev.pulse.x.FakeXResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Both secrets are configured: an API key ({@code pulse.auth.api-key}) and an X bearer token, the one
 * {@link FakeXResource} gives with {@link dev.pulse.x.FakeX} as X (so that X can refuse it), with that resource's other
 * settings (short back-offs, the X stream and the start-up emitter run off). Both values contain {@code SECRET}.
 */
public class SecretsProfile implements QuarkusTestProfile {

    static final String API_KEY = "k-3a9f-SECRET-test";
    static final String X_TOKEN = FakeXResource.TOKEN;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pulse.auth.api-key", API_KEY);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeXResource.class));
    }
}
