package dev.pulse.sample;

import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pulse.owner.Commands;
import dev.pulse.owner.SourceResource;
import dev.pulse.owner.StatusBoard;

/**
 * {@code /sample}: status and control of the static-data emitter. {@code POST /sample/start} may override
 * {@code count} and {@code interval} for that run, and with {@code resume=true} continue after the last record the
 * topic holds (start-up always does, unless {@code pulse.sample.resume=false}).
 */
@Path("/sample")
public class SampleResource extends SourceResource {

    SampleResource(SampleEmitter emitter, Commands commands, StatusBoard board) {
        super(emitter, commands, board, "the static-data emitter is running; POST /sample/stop first");
    }

    @POST
    @Path("/start")
    public RestResponse<?> start(@RestQuery String count, @RestQuery String interval, @RestQuery String resume) {
        Map<String, String> params = new HashMap<>();
        params.put(SampleParams.COUNT, count);
        params.put(SampleParams.INTERVAL, interval);
        params.put(SampleParams.RESUME, resume);
        return start(params);
    }
}
