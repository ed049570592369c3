package dev.pulse.x;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * X's Connections API ({@code quarkus.rest-client.x-api.url}): closes every stream connection X holds for this app,
 * used once after a {@code TooManyConnections} when {@code pulse.x.reset-connections} allows it.
 */
@RegisterRestClient(configKey = "x-api")
@RegisterProvider(XBearerToken.class)
@Path("/2/connections/all")
@Produces(MediaType.APPLICATION_JSON)
interface XConnectionsClient {

    @DELETE
    Uni<RestResponse<String>> closeAll();
}
