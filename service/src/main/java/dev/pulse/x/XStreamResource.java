package dev.pulse.x;

import jakarta.ws.rs.Path;

import dev.pulse.owner.Commands;
import dev.pulse.owner.StatusBoard;
import dev.pulse.source.StreamResource;

/** {@code /x/stream}: status and control of the X stream publisher (modes as {@code pulse.x.stream}). */
@Path("/x/stream")
public class XStreamResource extends StreamResource {

    XStreamResource(XStreamPublisher publisher, Commands commands, StatusBoard board) {
        super(publisher, commands, board, "the X stream is running (X allows one connection); POST /x/stream/stop first");
    }
}
