package dev.pulse.source;

import java.util.Optional;

/**
 * A live source as the rest of Pulse sees it: the topic it writes (created at start-up, read by the console), where
 * its status and control live, how the console shows its posts, and whether it is well. Each source's publisher is one.
 */
public interface LiveSource {

    /** Its status and control path below the root, e.g. {@code x/stream}. */
    String path();

    /** The topic it writes. */
    String topic();

    /** How the console shows the posts in its topic. */
    PostSummarizer summarizer();

    /** The mode of its current or configured run. */
    String mode();

    /** Its session's state, or {@code off} when it never started. */
    String state();

    /** Why it is unwell (failed, or a live stream disconnected too long), or empty. */
    Optional<String> problem();
}
