package dev.pulse.sample;

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
 * {@code /sample}: status and control of the static-data emitter. {@code POST /sample/start} may override
 * {@code count} and {@code interval} for that run, and with {@code resume=true} continue after the last record the
 * topic holds (start-up always does, unless {@code pulse.sample.resume=false}).
 */
@Path("/sample")
public class SampleResource {

    private final SampleEmitter emitter;
    private final Commands commands;
    private final StatusBoard board;

    SampleResource(SampleEmitter emitter, Commands commands, StatusBoard board) {
        this.emitter = emitter;
        this.commands = commands;
        this.board = board;
    }

    @GET
    public JsonNode status() {
        return board.status(emitter);
    }

    @POST
    @Path("/start")
    public RestResponse<?> start(@RestQuery String count, @RestQuery String interval, @RestQuery String resume) {
        Map<String, String> params = new HashMap<>();
        Commands.put(params, SampleParams.COUNT, count);
        Commands.put(params, SampleParams.INTERVAL, interval);
        Commands.put(params, SampleParams.RESUME, resume);
        return commands.start(emitter, params, "the static-data emitter is running; POST /sample/stop first");
    }

    @POST
    @Path("/stop")
    public RestResponse<?> stop() {
        return commands.stop(emitter);
    }
}
