package dev.pulse.sample;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What {@code GET /sample} shows: the state of the current (or last) run of the static-data emitter.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // answered as a RestResponse<?> or a JSON tree, which the build cannot see
public record SampleStatus(String state, String dataset, String topic, long emitted, long acknowledged, long failed,
        Long total, Long resumedFrom, double ratePerSecond, String startedAt, String lastError) {
}
