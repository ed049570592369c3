package dev.pulse.source;

import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pulse.owner.Commands;
import dev.pulse.owner.OwnedSource;
import dev.pulse.owner.SourceResource;
import dev.pulse.owner.StatusBoard;

/**
 * A live stream's status and control: {@code POST .../start?mode=} may pick another mode than the configured one for
 * that run.
 */
public abstract class StreamResource extends SourceResource {

    /** The start parameter naming the run's mode. */
    public static final String MODE = "mode";

    protected StreamResource(OwnedSource<?> source, Commands commands, StatusBoard board, String running) {
        super(source, commands, board, running);
    }

    @POST
    @Path("/start")
    public RestResponse<?> start(@RestQuery String mode) {
        Map<String, String> params = new HashMap<>();
        params.put(MODE, mode);
        return start(params);
    }
}
