package dev.pulse.bluesky;

import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pulse.owner.Commands;
import dev.pulse.owner.StatusBoard;

/**
 * {@code /bluesky/stream}: status and control of the Bluesky publisher. {@code POST /bluesky/stream/start?mode=} may
 * pick another mode than {@code pulse.bluesky.stream} for that run.
 */
@Path("/bluesky/stream")
public class BlueskyResource {

    private final BlueskyPublisher publisher;
    private final Commands commands;
    private final StatusBoard board;

    BlueskyResource(BlueskyPublisher publisher, Commands commands, StatusBoard board) {
        this.publisher = publisher;
        this.commands = commands;
        this.board = board;
    }

    @GET
    public JsonNode status() {
        return board.status(publisher);
    }

    @POST
    @Path("/start")
    public RestResponse<?> start(@RestQuery String mode) {
        Map<String, String> params = new HashMap<>();
        Commands.put(params, BlueskyPublisher.MODE, mode);
        return commands.start(publisher, params,
                "the Bluesky stream is running (one connection at a time); POST /bluesky/stream/stop first");
    }

    @POST
    @Path("/stop")
    public RestResponse<?> stop() {
        return commands.stop(publisher);
    }
}
