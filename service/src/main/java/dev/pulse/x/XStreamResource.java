package dev.pulse.x;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pulse.rest.Problem;
import dev.pulse.rest.ProblemException;

/**
 * {@code /x/stream}: status and control of the X stream publisher. {@code POST /x/stream/start?mode=} may pick
 * another mode than {@code pulse.x.stream} for that run.
 */
@Path("/x/stream")
public class XStreamResource {

    private final XStreamPublisher publisher;

    XStreamResource(XStreamPublisher publisher) {
        this.publisher = publisher;
    }

    @GET
    public XStatus status() {
        return publisher.status();
    }

    @POST
    @Path("/start")
    public RestResponse<XStatus> start(@RestQuery String mode) {
        XMode chosen;
        try {
            chosen = mode == null ? publisher.configuredMode() : XMode.parse(mode);
            return publisher.start(chosen)
                    .map(status -> RestResponse.status(Response.Status.ACCEPTED, status))
                    .orElseThrow(() -> new ProblemException(Problem.of(409, "already-running", "Stream already running",
                            "the X stream is running (X allows one connection); POST /x/stream/stop first")));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(400, "bad-parameter", "Cannot start the X stream", e.getMessage()));
        }
    }

    @POST
    @Path("/stop")
    public XStatus stop() {
        return publisher.stop();
    }
}
