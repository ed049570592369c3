package dev.pulse.http;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.Secret;

/**
 * Who may change things ({@code pulse.auth.*}).
 */
@ConfigMapping(prefix = "pulse.auth")
public interface AuthConfig {

    /**
     * When set, every mutating request (POST, PUT, PATCH, DELETE) must carry it as {@code X-API-Key} or
     * {@code Authorization: Bearer}, and so must the live record tail ({@code GET /live/records}), which carries the
     * data; other read-only endpoints and {@code /q/*} stay open. A secret: never logged.
     */
    Optional<Secret<String>> apiKey();
}
