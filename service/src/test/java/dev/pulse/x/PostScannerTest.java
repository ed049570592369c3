package dev.pulse.x;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fast path gives what Jackson gives for every line it takes, and takes no line Jackson would not read.
 */
class PostScannerTest {

    private static final byte[] MUTATIONS = "\"\\{}[],:0123456789-+.eEtfnulx \t\r\n/ubä🚀".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void takesOrdinaryPostsAsJacksonReadsThem() throws IOException {
        for (String line : corpus()) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            assertNotNull(PostScanner.scan(bytes), line);
            assertEquals(PostFields.parse(mapper, bytes), PostFields.read(mapper, bytes), line);
        }
    }

    @Test
    void leavesEverythingElseToJackson() {
        for (String line : List.of("{\"data\":{\"id\":\"7\"},\"errors\":[{\"title\":\"operational-disconnect\"}]}",
                "{\"title\":\"ConnectionException\",\"data\":{\"id\":\"7\"}}", "{\"data\":{\"id\":\"\\u0037\"}}",
                "{\"d\\u0061ta\":{\"id\":\"7\"}}", "{\"data\":{\"id\":7}}", "{\"data\":{\"text\":\"no id\"}}",
                "{\"data\":{\"id\":\"7\"},\"matching_rules\":null}", "{\"data\":{\"id\":\"7\"}} trailing",
                "{\"data\":{\"id\":\"7\"},\"n\":01}", "{\"data\":{\"id\":\"7\"},\"n\":1.}", "{\"data\":{\"id\":\"7\",}}",
                "{\"data\":{\"id\":\"7\"},\"t\":\"tab\there\"}", "{\"data\":{\"id\":\"7\"},\"t\":\"\\q\"}",
                "{\"data\":{\"id\":\"7\"},\"t\":\"unterminated}", "[{\"data\":{\"id\":\"7\"}}]", "")) {
            assertNull(PostScanner.scan(line.getBytes(StandardCharsets.UTF_8)), line);
        }
        for (byte[] invalidUtf8 : List.of(new byte[] { (byte) 0xC0, (byte) 0xAF }, new byte[] { (byte) 0xED,
                (byte) 0xA0, (byte) 0x80 }, new byte[] { (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80 },
                new byte[] { (byte) 0xE2, (byte) 0x28, (byte) 0xA1 }, new byte[] { (byte) 0x80 })) {
            assertNull(PostScanner.scan(concat("{\"data\":{\"id\":\"7\"},\"t\":\"", invalidUtf8, "\"}")));
        }
    }

    @Test
    void neverTakesALineJacksonWouldNotReadTheSame() throws IOException {
        Random random = new Random(42);
        List<String> corpus = corpus();
        int taken = 0;
        int malformed = 0;
        for (int n = 0; n < 30_000; n++) {
            byte[] line = mutate(corpus.get(random.nextInt(corpus.size())).getBytes(StandardCharsets.UTF_8), random);
            PostFields jackson;
            try {
                jackson = PostFields.parse(mapper, line);
            } catch (IOException e) {
                jackson = null;
                malformed++;
            }
            if (PostScanner.scan(line) != null) {
                taken++;
                assertNotNull(jackson, () -> "taken, but Jackson does not read it as a post: " + text(line));
                assertEquals(jackson, PostFields.read(mapper, line), () -> text(line));
            }
        }
        // the mutations must reach both sides, or this test proves nothing
        assertTrue(taken > 3_000, "lines taken: " + taken);
        assertTrue(malformed > 3_000, "lines Jackson rejected: " + malformed);
    }

    private static byte[] mutate(byte[] line, Random random) {
        byte[] out = line;
        for (int m = 1 + random.nextInt(2); m > 0; m--) {
            int at = random.nextInt(out.length);
            byte with = MUTATIONS[random.nextInt(MUTATIONS.length)];
            switch (random.nextInt(4)) {
                case 0 -> {
                    out = Arrays.copyOf(out, out.length);
                    out[at] = with;
                }
                case 1 -> out = concat(new String(out, 0, at, StandardCharsets.ISO_8859_1), new byte[] { with },
                        new String(out, at, out.length - at, StandardCharsets.ISO_8859_1));
                case 2 -> {
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter;
                }
                default -> { // a mutation that keeps the line JSON: another value somewhere
                    String value = List.of("1.5e3", "-0", "true", "null", "[]", "{}", "\"\\u00e4\"", "\"a\\\\\"")
                            .get(random.nextInt(8));
                    out = new String(out, StandardCharsets.ISO_8859_1).replaceFirst(":\"[^\"]*\"",
                            Matcher.quoteReplacement(":" + value)).getBytes(StandardCharsets.ISO_8859_1);
                }
            }
            if (out.length == 0) {
                return out;
            }
        }
        return out;
    }

    private List<String> corpus() throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "{\"data\":{\"id\":\"42\",\"text\":\"plain\"}}",
                " {\"includes\":{\"users\":[{\"id\":\"9\",\"n\":[1,-2.5,3e10,0,true,false,null]}]},\"data\":{\"text\":"
                        + "\"a \\\"b\\\" {c} \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9\\ud83d\\ude80\",\"entities\":{\"id\":\"x\"},"
                        + "\"id\":\"4711\"},\"matching_rules\":[{\"id\":\"1\",\"tag\":\"cats\"},{\"id\":\"2\"}]}\t",
                "{\"matching_rules\":[],\"data\":{\"id\":\"1\",\"id\":\"2\"},\"x\":{}}",
                "{\"data\":{\"id\":\"грüße 🚀 中文\",\"text\":\"" + "long text with ümlauts and emoji 👩‍💻 ".repeat(30)
                        + "\",\"edit_history_tweet_ids\":[\"1\"]},\"data\":{\"id\":\"5\"}}"));
        try (InputStream in = getClass().getResourceAsStream("/x/replay-sample.ndjson")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(20).forEach(lines::add);
        }
        return lines;
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] a = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] c = tail.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }
}
