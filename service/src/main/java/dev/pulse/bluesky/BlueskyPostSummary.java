package dev.pulse.bluesky;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.console.RecordFormatter;
import dev.pulse.kafka.TopicsConfig;
import dev.pulse.source.PostSummarizer;

/**
 * Shows a Jetstream event on the console as {@code did=<did> "<start of the text>"} (a post), or
 * {@code did=<did> <operation> <collection>} (a delete, another record), or {@code did=<did> <kind>}.
 */
@ApplicationScoped
public class BlueskyPostSummary implements PostSummarizer {

    private final ObjectMapper mapper;
    private final String topic;

    public BlueskyPostSummary(ObjectMapper mapper, TopicsConfig topics) {
        this.mapper = mapper;
        this.topic = topics.bluesky();
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public String summarize(byte[] value, int maxChars) {
        JsonNode event;
        try {
            event = mapper.readTree(value);
        } catch (Exception e) {
            return null;
        }
        if (event == null || !event.path("did").isTextual()) {
            return null;
        }
        StringBuilder out = new StringBuilder("did=").append(event.get("did").asText()).append(' ');
        JsonNode commit = event.path("commit");
        JsonNode text = commit.path("record").path("text");
        if (text.isTextual()) {
            RecordFormatter.quote(out, text.asText(), Math.max(16, maxChars - 40));
        } else if (commit.isObject()) {
            out.append(commit.path("operation").asText("?")).append(' ').append(commit.path("collection").asText("?"));
        } else {
            out.append(event.path("kind").asText("?"));
        }
        return out.toString();
    }
}
