package dev.pulse.console;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The same checks against the packaged application.
 */
@QuarkusIntegrationTest
class PoisonRecordIT extends PoisonRecordTest {
}
