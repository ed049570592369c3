package dev.pulse.console;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Shows an X post as {@code id=<id> author=<author_id> "<start of text>"}.
 */
@ApplicationScoped
public class PostSummary {

    private final ObjectMapper mapper;

    public PostSummary(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The summary, or null when the value is not a post. */
    String summarize(byte[] value, int maxChars) {
        JsonNode data;
        try {
            data = mapper.readTree(value).path("data");
        } catch (Exception e) {
            return null;
        }
        if (!data.path("id").isTextual()) {
            return null;
        }
        String text = data.path("text").asText("");
        int limit = Math.max(16, maxChars - 40);
        StringBuilder out = new StringBuilder("id=").append(data.get("id").asText())
                .append(" author=").append(data.path("author_id").asText("?")).append(" \"");
        int shown = Math.min(text.length(), limit);
        RecordFormatter.escape(out, text, shown, true);
        out.append(shown < text.length() ? "…\"" : "\"");
        return out.toString();
    }
}
