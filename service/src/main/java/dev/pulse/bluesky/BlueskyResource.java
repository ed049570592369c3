package dev.pulse.bluesky;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pulse.rest.Problem;
import dev.pulse.rest.ProblemException;

/**
 * {@code /bluesky/stream}: status and control of the Bluesky publisher. {@code POST /bluesky/stream/start?mode=} may
 * pick another mode than {@code pulse.bluesky.stream} for that run.
 */
@Path("/bluesky/stream")
public class BlueskyResource {

    private final BlueskyPublisher publisher;
    private final BlueskyConfig config;

    BlueskyResource(BlueskyPublisher publisher, BlueskyConfig config) {
        this.publisher = publisher;
        this.config = config;
    }

    @GET
    public BlueskyStatus status() {
        return publisher.status();
    }

    @POST
    @Path("/start")
    public RestResponse<BlueskyStatus> start(@RestQuery String mode) {
        try {
            BlueskyMode chosen = mode != null ? BlueskyMode.parse(mode)
                    : config.stream() == BlueskyMode.OFF ? BlueskyMode.JETSTREAM : config.stream();
            return publisher.start(chosen)
                    .map(status -> RestResponse.status(Response.Status.ACCEPTED, status))
                    .orElseThrow(() -> new ProblemException(Problem.of(409, "already-running", "Stream already running",
                            "the Bluesky stream is running (one connection at a time); POST /bluesky/stream/stop first")));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(400, "bad-parameter", "Cannot start the Bluesky stream",
                    e.getMessage()));
        }
    }

    @POST
    @Path("/stop")
    public BlueskyStatus stop() {
        return publisher.stop();
    }
}
