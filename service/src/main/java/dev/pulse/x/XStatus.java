package dev.pulse.x;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What {@code GET /x/stream} shows. Never carries the bearer token.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // answered as a RestResponse<?> or a JSON tree, which the build cannot see
public record XStatus(String mode, String state, long received, long published, long malformed, long duplicates,
        long keepAlives, long reconnects, String lastError, String nextRetryAt, String source) {
}
