package dev.pulse.x;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.console.RecordFormatter;
import dev.pulse.kafka.TopicsConfig;
import dev.pulse.source.PostSummarizer;

/**
 * Shows an X post on the console as {@code id=<id> author=<author_id> "<start of text>"}.
 */
@Singleton
public class XPostSummary extends PostSummarizer {

    public XPostSummary(ObjectMapper mapper, TopicsConfig topics) {
        super(mapper, topics.tweets());
    }

    @Override
    protected String summarize(JsonNode post, int textChars) {
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
