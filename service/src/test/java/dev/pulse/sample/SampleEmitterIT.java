package dev.pulse.sample;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The same checks against the packaged application.
 */
@QuarkusIntegrationTest
class SampleEmitterIT extends SampleEmitterTest {
}
