package dev.pulse.x;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pulse.http.Control;

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
        return Control.start(() -> publisher.start(mode == null ? publisher.configuredMode() : XMode.parse(mode)),
                "the X stream is running (X allows one connection); POST /x/stream/stop first");
    }

    @POST
    @Path("/stop")
    public XStatus stop() {
        return publisher.stop();
    }
}
