package dev.pulse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.StreamSupport;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.pulse.messages.BrokerDownProfile;
import dev.pulse.x.XConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.config.Secret;

/**
 * The X bearer token and the API key are SmallRye Config secrets: configuration listings (Dev UI's configuration
 * page, config dumps) do not list them and reading them by name outside Pulse's own mappings is refused, while the
 * mappings still hand them to the code that needs them.
 */
@QuarkusTest
@TestProfile(BrokerDownProfile.class)
class SecretConfigTest {

    private static final List<String> SECRETS = List.of("pulse.x.bearer-token", "pulse.auth.api-key");

    @Inject
    AuthConfig auth;

    @Inject
    XConfig x;

    @Test
    void secretsAreNotListedNorReadableByName() {
        var config = ConfigProvider.getConfig();
        List<String> names = StreamSupport.stream(config.getPropertyNames().spliterator(), false).toList();
        for (String secret : SECRETS) {
            assertFalse(names.contains(secret), secret + " listed");
            assertThrows(SecurityException.class, () -> config.getConfigValue(secret), secret + " readable by name");
        }
        assertFalse(names.isEmpty());
    }

    @Test
    void theMappingsStillCarryThem() {
        assertEquals(BrokerDownProfile.API_KEY, auth.apiKey().map(Secret::get).orElseThrow());
        assertEquals(BrokerDownProfile.X_TOKEN, x.bearerToken().map(Secret::get).orElseThrow());
    }
}
