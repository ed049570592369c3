package dev.pulse.x;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.console.RecordFormatter;
import dev.pulse.kafka.TopicsConfig;
import dev.pulse.source.PostSummarizer;

/**
 * Shows an X post on the console as {@code id=<id> author=<author_id> "<start of text>"}.
 */
@ApplicationScoped
public class XPostSummary implements PostSummarizer {

    private final ObjectMapper mapper;
    private final String topic;

    public XPostSummary(ObjectMapper mapper, TopicsConfig topics) {
        this.mapper = mapper;
        this.topic = topics.tweets();
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public String summarize(byte[] value, int maxChars) {
        JsonNode data;
        try {
            data = mapper.readTree(value).path("data");
        } catch (Exception e) {
            return null;
        }
        if (!data.path("id").isTextual()) {
            return null;
        }
        StringBuilder out = new StringBuilder("id=").append(data.get("id").asText())
                .append(" author=").append(data.path("author_id").asText("?")).append(' ');
        RecordFormatter.quote(out, data.path("text").asText(""), Math.max(16, maxChars - 40));
        return out.toString();
    }
}
