package dev.pulse.x;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * Gives the X REST clients' requests the headers of every call to X ({@link XApi#headers()}): the bearer token and
 * Pulse's {@code User-Agent}. The token goes into that header only: never into a log line, an error or a status
 * answer.
 */
@ApplicationScoped
class XBearerToken implements ClientRequestFilter {

    private final XApi api;

    XBearerToken(XApi api) {
        this.api = api;
    }

    @Override
    public void filter(ClientRequestContext request) {
        api.headers().forEach(request.getHeaders()::putSingle);
    }
}
