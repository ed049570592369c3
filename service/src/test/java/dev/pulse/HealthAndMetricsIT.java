package dev.pulse;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The same checks against the packaged application.
 */
@QuarkusIntegrationTest
class HealthAndMetricsIT extends HealthAndMetricsTest {
}
