package dev.pulse.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.bluesky.BlueskyPostSummary;
import dev.pulse.json.JsonSyntax;
import dev.pulse.x.XPostSummary;

class RecordFormatterTest {

    private final RecordFormatter formatter = new RecordFormatter(new JsonSyntax(new ObjectMapper()), new ObjectMapper(),
            Map.of("tweets", new XPostSummary(), "bluesky", new BlueskyPostSummary()), config(40));

    @Test
    void jsonIsShownAsWrittenOnOneLine() {
        assertEquals("sample-0@7 key=null {\"number\":7}", format(null, "{\"number\":7}"));
        assertEquals("sample-0@7 key=42 {\"a\":\\n 1}", format("42", "{\"a\":\n 1}"));
    }

    @Test
    void longValuesAreShortened() {
        String value = "{\"text\":\"" + "é".repeat(60) + "\"}";
        String line = format(null, value);
        assertEquals("sample-0@7 key=null {\"text\":\"" + "é".repeat(31) + "… ("
                + value.getBytes(StandardCharsets.UTF_8).length + " bytes)", line);
    }

    @Test
    void textAndBytesAreEscaped() {
        assertEquals("sample-0@7 key=null (not JSON) \"tab\\there \\\\ \\u0001\"", format(null, "tab\there \\ \u0001"));
        assertEquals("sample-0@7 key=null (not UTF-8) \\xc3(",
                line("sample", 0, 7, null, new byte[] { (byte) 0xc3, 0x28 }));
        assertEquals("sample-0@7 key=null null", line("sample", 0, 7, null, null));
    }

    @Test
    void poisonRecordsAreNamedWithTheReason() {
        assertNull(formatter.render("sample", 0, 7, null, "{\"number\":7}".getBytes(StandardCharsets.UTF_8)).problem());
        assertNull(formatter.render("sample", 0, 7, null, null).problem(), "a tombstone is not poison");
        assertEquals("value is not UTF-8", formatter.render("sample", 0, 7, null, new byte[] { (byte) 0xc3, 0x28 }).problem());
        String notJson = formatter.render("tweets", 0, 7, null, "{\"data\":".getBytes(StandardCharsets.UTF_8)).problem();
        assertTrue(notJson.startsWith("value is not JSON (line 1, column "), notJson);
    }

    private String format(String key, String value) {
        return line("sample", 0, 7, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void postsShowIdAuthorAndTextStart() {
        String post = "{\"data\":{\"id\":\"1995\",\"text\":\"Kafka \\\"streams\\\"\\nare a joy to run in production today\",\"author_id\":\"42\"}}";
        assertEquals("tweets-0@7 key=1995 id=1995 author=42 \"Kafka \\\"streams\\\"\\n…\"",
                line("tweets", 0, 7, "1995".getBytes(StandardCharsets.UTF_8), post.getBytes(StandardCharsets.UTF_8)));
        assertEquals("tweets-0@8 key=null {\"errors\":[]}", formatOn("tweets", "{\"errors\":[]}"));
    }

    @Test
    void blueskyEventsAreShownAsDidAndTheStartOfTheText() {
        String post = "{\"did\":\"did:plc:abc\",\"time_us\":1,\"kind\":\"commit\",\"commit\":{\"operation\":\"create\","
                + "\"collection\":\"app.bsky.feed.post\",\"rkey\":\"3k\",\"record\":{\"text\":\"Hello \\\"sky\\\"\\nand a long tail\"}}}";
        assertEquals("bluesky-0@8 key=at://did:plc:abc/app.bsky.feed.post/3k did=did:plc:abc \"Hello \\\"sky\\\"\\nand …\"",
                line("bluesky", 0, 8, "at://did:plc:abc/app.bsky.feed.post/3k".getBytes(StandardCharsets.UTF_8),
                        post.getBytes(StandardCharsets.UTF_8)));
        assertEquals("bluesky-0@8 key=null did=did:plc:abc delete app.bsky.feed.post", formatOn("bluesky",
                "{\"did\":\"did:plc:abc\",\"kind\":\"commit\",\"commit\":{\"operation\":\"delete\",\"collection\":\"app.bsky.feed.post\"}}"));
        assertEquals("bluesky-0@8 key=null did=did:plc:abc identity", formatOn("bluesky",
                "{\"did\":\"did:plc:abc\",\"kind\":\"identity\"}"));
        assertEquals("bluesky-0@8 key=null {\"no\":\"did\"}", formatOn("bluesky", "{\"no\":\"did\"}"));
    }

    private String formatOn(String topic, String value) {
        return line(topic, 0, 8, null, value.getBytes(StandardCharsets.UTF_8));
    }

    private String line(String topic, int partition, long offset, byte[] key, byte[] value) {
        return formatter.render(topic, partition, offset, key, value).line();
    }

    private static ConsoleConfig config(int maxChars) {
        return new ConsoleConfig() {
            @Override
            public String groupId() {
                return "test";
            }

            @Override
            public int maxChars() {
                return maxChars;
            }

            @Override
            public FailureStrategy failureStrategy() {
                return FailureStrategy.IGNORE;
            }
        };
    }
}
