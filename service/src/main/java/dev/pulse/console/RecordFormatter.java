package dev.pulse.console;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.json.JsonSyntax;
import dev.pulse.json.JsonSyntaxException;
import dev.pulse.source.LiveSource;
import dev.pulse.source.PostSummarizer;

/**
 * Renders a record as one console line, {@code <topic>-<partition>@<offset> key=<key> <value>}. A post on a
 * live source's topic is shown as that source summarizes it (X: id, author and the start of the text); other JSON as written
 * (control characters
 * escaped, long values shortened); other text is quoted and escaped; bytes that are not UTF-8 as {@code \xNN}.
 */
@ApplicationScoped
public class RecordFormatter {

    private final JsonSyntax json;
    private final ObjectMapper mapper;
    private final Map<String, PostSummarizer> posts;
    private final int maxChars;

    @Inject
    public RecordFormatter(JsonSyntax json, ObjectMapper mapper, Instance<LiveSource> sources, ConsoleConfig config) {
        // a topic two sources share (a configuration mistake) is shown as the first source's posts
        this(json, mapper, sources.stream().collect(Collectors.toMap(LiveSource::topic, LiveSource::summarizer, (a, b) -> a)),
                config);
    }

    /** {@code posts}: how the posts of each live source's topic are shown. */
    public RecordFormatter(JsonSyntax json, ObjectMapper mapper, Map<String, PostSummarizer> posts,
            ConsoleConfig config) {
        this.json = json;
        this.mapper = mapper;
        this.posts = Map.copyOf(posts);
        this.maxChars = Math.max(16, config.maxChars());
    }

    /** One console line for a record and, for a poison record (value not UTF-8 or not JSON), why it is one. */
    public record Shown(String line, String problem) {
    }

    public Shown render(String topic, int partition, long offset, byte[] key, byte[] value) {
        StringBuilder line = new StringBuilder(64 + Math.min(maxChars, value == null ? 4 : value.length));
        line.append(topic).append('-').append(partition).append('@').append(offset).append(" key=");
        appendText(line, key, false);
        line.append(' ');
        String post = value == null ? null : post(topic, value);
        String problem = null;
        if (post != null) {
            line.append(post);
        } else if (value == null) {
            line.append("null");
        } else {
            problem = jsonProblem(value);
            appendText(line, value, problem != null);
        }
        return new Shown(line.toString(), problem);
    }

    /** The summary of a post on a live source's topic; null when the topic is no source's, or the value no post. */
    private String post(String topic, byte[] value) {
        PostSummarizer summarizer = posts.get(topic);
        if (summarizer == null) {
            return null;
        }
        JsonNode post;
        try {
            post = mapper.readTree(value);
        } catch (IOException | RuntimeException e) {
            return null; // not JSON: shown escaped
        }
        // the rest of the line (names, ids) takes about 40 characters
        return post == null ? null : summarizer.summarize(post, Math.max(16, maxChars - 40));
    }

    /** Null for a well-formed JSON value (which is UTF-8 by the JSON check), else what is wrong with it. */
    private String jsonProblem(byte[] value) {
        try {
            json.check(value, 0, value.length);
            return null;
        } catch (JsonSyntaxException e) {
            return utf8(value) == null ? "value is not UTF-8"
                    : "value is not JSON (line " + e.line() + ", column " + e.column() + ": " + e.getMessage() + ")";
        }
    }

    private void appendText(StringBuilder out, byte[] bytes, boolean quote) {
        if (bytes == null) {
            out.append("null");
            return;
        }
        String text = utf8(bytes);
        if (text == null) {
            out.append("(not UTF-8) ");
            int shown = Math.min(bytes.length, maxChars);
            for (int i = 0; i < shown; i++) {
                int b = bytes[i] & 0xff;
                if (b >= 0x20 && b < 0x7f && b != '\\') {
                    out.append((char) b);
                } else {
                    out.append(String.format("\\x%02x", b));
                }
            }
            shortened(out, bytes.length - shown, bytes.length);
            return;
        }
        if (quote) {
            out.append("(not JSON) \"");
        }
        int shown = Math.min(text.length(), maxChars);
        escape(out, text, shown, quote);
        if (quote) {
            out.append('"');
        }
        shortened(out, text.length() - shown, bytes.length);
    }

    /** Appends {@code text} quoted and escaped on one line, its first {@code limit} characters and … when longer. */
    public static void quote(StringBuilder out, String text, int limit) {
        int shown = Math.min(text.length(), limit);
        out.append('"');
        escape(out, text, shown, true);
        out.append(shown < text.length() ? "…\"" : "\"");
    }

    /** Appends the first {@code shown} characters on one line; in a quoted string also escapes quotes. */
    static void escape(StringBuilder out, String text, int shown, boolean quoted) {
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append(quoted ? "\\\"" : "\"");
                case '\\' -> out.append(quoted ? "\\\\" : "\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static void shortened(StringBuilder out, int left, int totalBytes) {
        if (left > 0) {
            out.append("… (").append(totalBytes).append(" bytes)");
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
