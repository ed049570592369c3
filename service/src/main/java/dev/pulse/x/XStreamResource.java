package dev.pulse.x;

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
 * {@code /x/stream}: status and control of the X stream publisher. {@code POST /x/stream/start?mode=} may pick
 * another mode than {@code pulse.x.stream} for that run.
 */
@Path("/x/stream")
public class XStreamResource {

    private final XStreamPublisher publisher;
    private final Commands commands;
    private final StatusBoard board;

    XStreamResource(XStreamPublisher publisher, Commands commands, StatusBoard board) {
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
        Commands.put(params, XStreamPublisher.MODE, mode);
        return commands.start(publisher, params,
                "the X stream is running (X allows one connection); POST /x/stream/stop first");
    }

    @POST
    @Path("/stop")
    public RestResponse<?> stop() {
        return commands.stop(publisher);
    }
}
