package dev.pulse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import dev.pulse.http.AuthConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.Secret;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Secrets given as environment variables (the way the README recommends) are not listed under their environment
 * names (listings such as the Dev UI configuration page walk the property names), and still reach the mappings.
 */
class SecretNamesTest {

    @Test
    void environmentSpellingsAreSecret() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of("PULSE_X_BEARER_TOKEN", "tok-SECRET", "PULSE_AUTH_API_KEY",
                        "key-SECRET", "PULSE_CONSOLE_MAX_CHARS", "80"), 300))
                .withCustomizers(new SecretNames())
                .withMapping(AuthConfig.class)
                .build();
        List<String> names = StreamSupport.stream(config.getPropertyNames().spliterator(), false).toList();
        assertTrue(names.contains("PULSE_CONSOLE_MAX_CHARS"), names::toString);
        for (String secret : SecretNames.ENV_NAMES) {
            assertFalse(names.contains(secret), secret + " listed");
        }
        assertEquals("key-SECRET", config.getConfigMapping(AuthConfig.class).apiKey().map(Secret::get).orElseThrow());
    }
}
