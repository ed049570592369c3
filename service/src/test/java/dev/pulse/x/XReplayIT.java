package dev.pulse.x;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The same checks against the packaged application.
 */
@QuarkusIntegrationTest
class XReplayIT extends XReplayTest {
}
