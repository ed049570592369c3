package dev.pulse.source;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How the console shows the records of a live source's topic: one short summary of a post instead of the whole record.
 */
@FunctionalInterface
public interface PostSummarizer {

    /** The summary of a record's JSON value, quoting at most {@code textChars} of its text; null when it is not a post. */
    String summarize(JsonNode value, int textChars);
}
