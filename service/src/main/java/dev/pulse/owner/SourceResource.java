package dev.pulse.owner;

import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A singleton source's status and control, on any replica: {@code GET} answers the owner's status (from the status
 * board), {@code POST .../stop} stops its run here or through the owner; each source's resource adds its
 * {@code POST .../start} with the parameters it takes.
 */
public abstract class SourceResource {

    private final OwnedSource<?> source;
    private final Commands commands;
    private final StatusBoard board;
    private final String running;

    /** {@code running}: the 409's detail when a start finds a run going, saying how to stop it. */
    protected SourceResource(OwnedSource<?> source, Commands commands, StatusBoard board, String running) {
        this.source = source;
        this.commands = commands;
        this.board = board;
        this.running = running;
    }

    @GET
    public JsonNode status() {
        return board.status(source);
    }

    @POST
    @Path("/stop")
    public RestResponse<?> stop() {
        return commands.stop(source);
    }

    /** Starts a run with the request parameters that were given ({@code null} ones are left out). */
    protected RestResponse<?> start(Map<String, String> given) {
        Map<String, String> params = new HashMap<>();
        given.forEach((name, value) -> {
            if (value != null) {
                params.put(name, value);
            }
        });
        return commands.start(source, params, running);
    }
}
