package dev.pulse.bluesky;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code GET /bluesky/stream}: the mode and state of the current run and the counters since start-up. {@code cursor}
 * is the newest {@code time_us} received (unix µs), where a reconnect resumes minus the rewind.
 */
@RegisterForReflection // answered as a RestResponse<?> or a JSON tree, which the build cannot see
public record BlueskyStatus(String mode, String state, long received, long published, long skipped, long duplicates,
        long reconnects, Long cursor, String url, String lastError, String nextRetryAt, String source) {
}
