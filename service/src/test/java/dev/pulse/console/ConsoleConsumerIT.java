package dev.pulse.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The same checks against the packaged application, reading the console lines from its log file.
 */
@QuarkusIntegrationTest
class ConsoleConsumerIT extends ConsoleConsumerTest {

    @Override
    protected boolean shows(String line) {
        try {
            return Files.readAllLines(Path.of("target", "quarkus.log"), StandardCharsets.UTF_8).stream()
                    .anyMatch(l -> l.endsWith(" " + line));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
