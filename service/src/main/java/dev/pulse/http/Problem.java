package dev.pulse.http;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}. {@code line}/{@code column} locate bad JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // serialised from a Response entity the build cannot see
public record Problem(String type, String title, int status, String detail, Integer line, Integer column) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem("urn:pulse:problem:" + slug, title, status, detail, null, null);
    }

    public Problem at(int line, int column) {
        return new Problem(type, title, status, detail, line, column);
    }
}
