package dev.pulse.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import dev.pulse.live.LiveResource;
import io.smallrye.config.Secret;

/**
 * Answers 401 to a mutating request, or to the live record tail (it carries the data), without the configured
 * {@code pulse.auth.api-key}. A request filter, not Quarkus Security: one shared key needs no identity, roles or
 * authentication mechanism, and the filter's constant-time comparison is the whole check.
 */
public class ApiKeyFilter {

    private static final Set<String> READ_ONLY = Set.of("GET", "HEAD", "OPTIONS");

    private final Optional<byte[]> key;

    ApiKeyFilter(AuthConfig config) {
        this.key = config.apiKey().map(Secret::get).filter(k -> !k.isBlank()).map(k -> k.getBytes(StandardCharsets.UTF_8));
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(ContainerRequestContext request) {
        if (key.isEmpty() || READ_ONLY.contains(request.getMethod())) {
            return Optional.empty();
        }
        return verify(request);
    }

    /**
     * The live record tail carries the data, so reading it needs the key too. Checked on the matched resource method,
     * not on the path: {@code /live/records/} or {@code //live/records} reach the same method.
     */
    @ServerRequestFilter
    public Optional<Response> checkDataReads(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (key.isEmpty() || !READ_ONLY.contains(request.getMethod()) || resource.getResourceClass() != LiveResource.class
                || !LiveResource.RECORDS_METHOD.equals(resource.getMethodName())) {
            return Optional.empty();
        }
        return verify(request);
    }

    private Optional<Response> verify(ContainerRequestContext request) {
        String given = request.getHeaderString("X-API-Key");
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (given == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = authorization.substring(7).trim();
        }
        if (given != null && MessageDigest.isEqual(key.get(), given.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        Problem problem = Problem.of(401, "unauthorized", "API key required",
                given == null ? "this request changes state or reads records: send the API key as X-API-Key"
                        + " (pulse.auth.api-key is set)"
                        : "the API key is not the one configured in pulse.auth.api-key");
        return Optional.of(Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "ApiKey")
                .entity(problem).build());
    }
}
