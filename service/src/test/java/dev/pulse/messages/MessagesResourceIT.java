package dev.pulse.messages;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The same checks against the packaged application.
 */
@QuarkusIntegrationTest
class MessagesResourceIT extends MessagesResourceTest {
}
