package dev.pulse.x;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import dev.pulse.source.UserAgent;
import io.smallrye.config.Secret;

/**
 * Adds {@code Authorization: Bearer <pulse.x.bearer-token>} and Pulse's {@code User-Agent} to the X REST client's
 * requests. The token goes into this header only: never into a log line, an error or a status answer.
 */
@ApplicationScoped
class XBearerToken implements ClientRequestFilter {

    private final XConfig config;
    private final UserAgent userAgent;

    XBearerToken(XConfig config, UserAgent userAgent) {
        this.config = config;
        this.userAgent = userAgent;
    }

    @Override
    public void filter(ClientRequestContext request) {
        config.bearerToken().map(Secret::get).ifPresent(token -> request.getHeaders()
                .putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token));
        request.getHeaders().putSingle(HttpHeaders.USER_AGENT, userAgent.value());
    }
}
