package dev.pulse.bluesky;

import jakarta.ws.rs.Path;

import dev.pulse.owner.Commands;
import dev.pulse.owner.StatusBoard;
import dev.pulse.source.StreamResource;

/** {@code /bluesky/stream}: status and control of the Bluesky publisher (modes as {@code pulse.bluesky.stream}). */
@Path("/bluesky/stream")
public class BlueskyResource extends StreamResource {

    BlueskyResource(BlueskyPublisher publisher, Commands commands, StatusBoard board) {
        super(publisher, commands, board,
                "the Bluesky stream is running (one connection at a time); POST /bluesky/stream/stop first");
    }
}
