package dev.pulse.x;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pulse.console.RecordFormatter;
import dev.pulse.source.PostSummarizer;

/**
 * Shows an X post on the console as {@code id=<id> author=<author_id> "<start of text>"}.
 */
public class XPostSummary implements PostSummarizer {

    @Override
    public String summarize(JsonNode post, int textChars) {
        JsonNode data = post.path("data");
        if (!data.path("id").isTextual()) {
            return null;
        }
        StringBuilder out = new StringBuilder("id=").append(data.get("id").asText())
                .append(" author=").append(data.path("author_id").asText("?")).append(' ');
        RecordFormatter.quote(out, data.path("text").asText(""), textChars);
        return out.toString();
    }
}
