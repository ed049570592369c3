package dev.pulse.http;

import dev.pulse.LogCapture;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The same checks against the packaged application, reading its whole log file; the configuration checks need the
 * application's JVM and are skipped.
 */
@QuarkusIntegrationTest
class SecretsIT extends SecretsTest {

    @Override
    protected LogCapture logs() {
        return LogCapture.packagedApp();
    }
}
