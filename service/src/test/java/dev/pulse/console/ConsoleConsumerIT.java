package dev.pulse.console;

import dev.pulse.LogCapture;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The same checks against the packaged application, reading the console lines from its log file.
 */
@QuarkusIntegrationTest
class ConsoleConsumerIT extends ConsoleConsumerTest {

    @Override
    protected LogCapture consoleLines() {
        return LogCapture.packagedApp();
    }
}
