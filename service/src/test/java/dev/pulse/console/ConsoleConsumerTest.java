package dev.pulse.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.pulse.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The console consumer shows every record of {@code sample} and {@code tweets} (posts as id, author, text), including ones that are not JSON or not UTF-8, and keeps
 * the partition moving past them.
 */
@QuarkusTest
class ConsoleConsumerTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        Logger.getLogger("pulse.console").addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger("pulse.console").removeHandler(capture);
    }

    @Test
    void showsBadRecordsEscapedAndMovesOn() throws Exception {
        TopicProbe topic = new TopicProbe();
        long text = topic.writeRaw("sample", "k".getBytes(StandardCharsets.UTF_8),
                "plain \"text\"\nline".getBytes(StandardCharsets.UTF_8));
        long binary = topic.writeRaw("sample", null, new byte[] { 'o', 'k', (byte) 0xff, (byte) 0xfe, 0 });
        long json = topic.writeRaw("sample", null, "{\"after\":\"bad ones\"}".getBytes(StandardCharsets.UTF_8));

        long post = topic.writeRaw("tweets", "77".getBytes(StandardCharsets.UTF_8),
                "{\"data\":{\"id\":\"77\",\"author_id\":\"5\",\"text\":\"hello from X\"}}".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).until(() -> shows("sample-0@" + json + " key=null {\"after\":\"bad ones\"}"));
        await().atMost(Duration.ofSeconds(30)).until(() -> shows("tweets-0@" + post + " key=77 id=77 author=5 \"hello from X\""));
        assertTrue(shows("sample-0@" + text + " key=k (not JSON) \"plain \\\"text\\\"\\nline\""), lines::toString);
        assertTrue(shows("sample-0@" + binary + " key=null (not UTF-8) ok\\xff\\xfe\\x00"), lines::toString);
        // the default failure strategy (ignore) counts and skips them
        Matcher poison = Pattern.compile("pulse_records_poison_total\\{topic=\"sample\"} (\\d+)")
                .matcher(RestAssured.get("/q/metrics").asString());
        assertTrue(poison.find() && Double.parseDouble(poison.group(1)) >= 2, "poison records counted");
    }

    /** Whether the console showed exactly this line (in the packaged app: a line of its log file ending so). */
    protected boolean shows(String line) {
        return lines.contains(line);
    }
}
