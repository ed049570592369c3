package dev.pulse.bluesky;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pulse.http.Control;

/**
 * {@code /bluesky/stream}: status and control of the Bluesky publisher. {@code POST /bluesky/stream/start?mode=} may
 * pick another mode than {@code pulse.bluesky.stream} for that run.
 */
@Path("/bluesky/stream")
public class BlueskyResource {

    private final BlueskyPublisher publisher;

    BlueskyResource(BlueskyPublisher publisher) {
        this.publisher = publisher;
    }

    @GET
    public BlueskyStatus status() {
        return publisher.status();
    }

    @POST
    @Path("/start")
    public RestResponse<BlueskyStatus> start(@RestQuery String mode) {
        return Control.start(() -> publisher.start(mode == null ? publisher.startMode() : BlueskyMode.parse(mode)),
                "the Bluesky stream is running (one connection at a time); POST /bluesky/stream/stop first");
    }

    @POST
    @Path("/stop")
    public BlueskyStatus stop() {
        return publisher.stop();
    }
}
