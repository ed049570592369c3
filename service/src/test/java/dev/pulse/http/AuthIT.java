package dev.pulse.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The same checks against the packaged application.
 */
@QuarkusIntegrationTest
class AuthIT extends AuthTest {
}
