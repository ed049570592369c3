package dev.pulse.messages;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.http.Problem;
import dev.pulse.http.ProblemException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/**
 * Answers 413 (problem+json) to a {@code POST /messages} whose Content-Length exceeds {@code pulse.rest.max-bytes},
 * before its body is read. A chunked body is cut by {@code quarkus.http.limits.max-body-size} (set to the same).
 */
@Singleton
public class BodyLimit {

    void install(@Observes Router router, RestConfig config, ObjectMapper mapper) {
        long max = config.maxBytes().asLongValue();
        router.route(HttpMethod.POST, "/messages").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long declared;
            try {
                declared = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared <= max) {
                ctx.next();
                return;
            }
            try {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(mapper.writeValueAsString(tooLarge(declared, max).problem()));
            } catch (JsonProcessingException e) {
                ctx.fail(e);
            }
        });
    }

    static ProblemException tooLarge(long size, long max) {
        return new ProblemException(Problem.of(413, "too-large", "Body too large",
                "the body has " + size + " bytes; pulse.rest.max-bytes allows " + max));
    }
}
