package dev.pulse.http;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

/**
 * Marks the environment-variable spellings of Pulse's secrets as SmallRye Config secret keys. The mappings already
 * make {@code pulse.x.bearer-token} and {@code pulse.auth.api-key} secret ({@code Secret<String>}); without this
 * their values would still be listed, with their values, under the names {@code PULSE_X_BEARER_TOKEN} and
 * {@code PULSE_AUTH_API_KEY} by anything that walks the configuration, such as the Dev UI configuration page.
 */
public class SecretNames implements SmallRyeConfigBuilderCustomizer {

    static final String[] ENV_NAMES = { "PULSE_X_BEARER_TOKEN", "PULSE_AUTH_API_KEY" };

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        builder.withSecretKeys(ENV_NAMES);
    }
}
