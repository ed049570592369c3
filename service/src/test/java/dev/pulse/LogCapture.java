package dev.pulse;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * What the application logs, as lines, for a test to check. Two kinds, one API:
 * <ul>
 * <li>{@link #category(String)}: in the test JVM ({@code @QuarkusTest}), a handler on a logger category (and the
 * categories below it) that collects each record's formatted message, with its exception's stack trace if any, from
 * now until {@link #close()};</li>
 * <li>{@link #packagedApp()}: the packaged application of the {@code *IT} runs, which logs to
 * {@code target/quarkus.log} in another process (the file is new at each launch, so it holds the running app's log
 * from its start): the lines of that file (timestamp, level and category before the message), as far as written.</li>
 * </ul>
 * A test that runs both ways opens its capture through an overridable method; its {@code *IT} subclass returns
 * {@link #packagedApp()}.
 */
public abstract class LogCapture implements AutoCloseable {

    /** Where the packaged application under {@code @QuarkusIntegrationTest} logs. */
    public static final Path PACKAGED_APP_LOG = Path.of("target", "quarkus.log");

    /** Collects what {@code category} ({@code ""} for every category) logs from now until closed. */
    public static LogCapture category(String category) {
        return new CategoryCapture(category);
    }

    /** The log file of the packaged application ({@code *IT} runs). */
    public static LogCapture packagedApp() {
        return file(PACKAGED_APP_LOG);
    }

    /** The lines of a log file another process writes. */
    public static LogCapture file(Path log) {
        return new FileCapture(log);
    }

    /** The lines logged so far. */
    public abstract List<String> lines();

    /** Whether a line is exactly this message (in a log file: ends with it, after the line's prefix). */
    public abstract boolean shows(String message);

    /** All lines as one text, a line feed after each. */
    public String text() {
        StringBuilder text = new StringBuilder();
        lines().forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** Waits until a line matches, and returns the first that does. */
    public String awaitLine(Predicate<String> matching, Duration within) {
        return await().atMost(within).until(() -> lines().stream().filter(matching).findFirst().orElse(null),
                line -> line != null);
    }

    /** Waits until a line is exactly this message (see {@link #shows(String)}). */
    public void awaitShows(String message, Duration within) {
        await().atMost(within).until(() -> shows(message));
    }

    @Override
    public abstract void close();

    private static final class CategoryCapture extends LogCapture {

        private final Logger logger;
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Handler handler = new Handler() {

            private final Formatter formatter = new Formatter() {
                @Override
                public String format(LogRecord record) {
                    return formatMessage(record);
                }
            };

            @Override
            public void publish(LogRecord record) {
                String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage()
                        : formatter.formatMessage(record);
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    message = message + " " + trace;
                }
                lines.add(String.valueOf(message));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        CategoryCapture(String category) {
            logger = Logger.getLogger(category);
            logger.addHandler(handler);
        }

        @Override
        public List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public boolean shows(String message) {
            return lines.contains(message);
        }

        @Override
        public void close() {
            logger.removeHandler(handler);
        }
    }

    private static final class FileCapture extends LogCapture {

        private final Path file;

        FileCapture(Path file) {
            this.file = file;
        }

        @Override
        public List<String> lines() {
            if (!Files.exists(file)) {
                return List.of();
            }
            try {
                // decoded leniently: the app may be writing a character's bytes right now
                return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean shows(String message) {
            return lines().stream().anyMatch(line -> line.endsWith(" " + message));
        }

        @Override
        public void close() {
        }
    }
}
