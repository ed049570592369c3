package dev.pulse.source;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How the console shows the posts of a live source's topic: one short summary instead of the whole record.
 */
public abstract class PostSummarizer {

    private final ObjectMapper mapper;
    private final String topic;

    protected PostSummarizer(ObjectMapper mapper, String topic) {
        this.mapper = mapper;
        this.topic = topic;
    }

    /** The topic whose records it summarizes. */
    public String topic() {
        return topic;
    }

    /** The summary of a record's value, at most about {@code maxChars} characters; null when it is not a post. */
    public String summarize(byte[] value, int maxChars) {
        JsonNode json;
        try {
            json = mapper.readTree(value);
        } catch (IOException | RuntimeException e) {
            return null; // not JSON: the console shows it escaped
        }
        // the rest of the line (names, ids) takes about 40 characters
        return json == null ? null : summarize(json, Math.max(16, maxChars - 40));
    }

    /** The summary of a JSON value, quoting at most {@code textChars} of its text; null when it is not a post. */
    protected abstract String summarize(JsonNode value, int textChars);
}
