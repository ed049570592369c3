package dev.pulse.x;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * X's filtered-stream rules endpoint ({@code quarkus.rest-client.x-api.url}). Every answer comes back with its status
 * and raw body (the client's default error mapper is off for {@code x-api}): X explains a refused rule in the body of
 * a 200 or a 400, and {@link XRules} reads both.
 */
@RegisterRestClient(configKey = "x-api")
@RegisterProvider(XBearerToken.class)
@Path(XRules.PATH)
@Produces(MediaType.APPLICATION_JSON)
interface XRulesClient {

    @GET
    Uni<RestResponse<String>> list();

    /** {@code {"add": [...]}} or {@code {"delete": {"ids": [...]}}}; with {@code dryRun}, X only validates. */
    @POST
    Uni<RestResponse<String>> change(@QueryParam("dry_run") Boolean dryRun, Map<String, Object> body);
}
