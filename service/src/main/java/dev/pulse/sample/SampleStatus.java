package dev.pulse.sample;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code GET /sample} shows: the state of the current (or last) run of the static-data emitter.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SampleStatus(String state, String dataset, String topic, long emitted, long acknowledged, long failed,
        Long total, Long resumedFrom, double ratePerSecond, String startedAt, String lastError) {
}
