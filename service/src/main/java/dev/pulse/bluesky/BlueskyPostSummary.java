package dev.pulse.bluesky;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pulse.console.RecordFormatter;
import dev.pulse.source.PostSummarizer;

/**
 * Shows a Jetstream event on the console as {@code did=<did> "<start of the text>"} (a post), or
 * {@code did=<did> <operation> <collection>} (a delete, another record), or {@code did=<did> <kind>}.
 */
public class BlueskyPostSummary implements PostSummarizer {

    @Override
    public String summarize(JsonNode event, int textChars) {
        if (!event.path("did").isTextual()) {
            return null;
        }
        StringBuilder out = new StringBuilder("did=").append(event.get("did").asText()).append(' ');
        JsonNode commit = event.path("commit");
        JsonNode text = commit.path("record").path("text");
        if (text.isTextual()) {
            RecordFormatter.quote(out, text.asText(), textChars);
        } else if (commit.isObject()) {
            out.append(commit.path("operation").asText("?")).append(' ').append(commit.path("collection").asText("?"));
        } else {
            out.append(event.path("kind").asText("?"));
        }
        return out.toString();
    }
}
