package dev.pulse.bluesky;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The Bluesky publisher's tests against the packaged application (and the native executable in the native pass).
 */
@QuarkusIntegrationTest
class BlueskyStreamIT extends BlueskyStreamTest {
}
