package dev.pulse.source;

/**
 * How the console shows the posts of a live source's topic: one short summary instead of the whole record.
 */
public interface PostSummarizer {

    /** The topic whose records it summarizes. */
    String topic();

    /** The summary of a record's value, at most about {@code maxChars} characters; null when it is not a post. */
    String summarize(byte[] value, int maxChars);
}
