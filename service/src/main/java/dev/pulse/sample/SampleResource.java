package dev.pulse.sample;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

import dev.pulse.rest.Problem;
import dev.pulse.rest.ProblemException;

/**
 * {@code /sample}: status and control of the static-data emitter.
 */
@Path("/sample")
public class SampleResource {

    private final SampleEmitter emitter;

    SampleResource(SampleEmitter emitter) {
        this.emitter = emitter;
    }

    @GET
    public SampleStatus status() {
        return emitter.status();
    }

    @POST
    @Path("/start")
    public RestResponse<SampleStatus> start() {
        return emitter.start()
                .map(status -> RestResponse.status(Response.Status.ACCEPTED, status))
                .orElseThrow(() -> new ProblemException(Problem.of(409, "already-running", "Emitter already running",
                        "The static-data emitter is running; POST /sample/stop first")));
    }

    @POST
    @Path("/stop")
    public SampleStatus stop() {
        return emitter.stop();
    }
}
