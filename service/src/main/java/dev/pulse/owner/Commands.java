package dev.pulse.owner;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

import dev.pulse.http.Control;
import dev.pulse.http.Problem;
import dev.pulse.http.ProblemException;

/**
 * The control endpoints' start and stop of a singleton source: done here when this replica owns the source, and
 * recorded in the control topic for whichever replica owns it next; otherwise written to the control topic, where the
 * owner reads and applies it.
 */
@ApplicationScoped
public class Commands {

    private final Owners owners;

    Commands(Owners owners) {
        this.owners = owners;
    }

    /**
     * Starts a run of {@code source} with {@code params}: 202 with its status here, or with a {@link Forwarded} when
     * another replica owns it; 409 when it runs here already ({@code running} says how to stop it); 400 when a
     * parameter is bad.
     */
    public <S> RestResponse<?> start(OwnedSource<S> source, Map<String, String> params, String running) {
        Optional<RestResponse<S>> here = owners.ifOwned(source,
                () -> Control.start(() -> owners.startHere(source, params), running));
        if (here.isPresent()) {
            owners.record(source, ControlRecord.START, params, null);
            return here.get();
        }
        return Control.start(() -> {
            source.check(params);
            return Optional.of(forward(source, ControlRecord.START, params, null));
        }, running);
    }

    /** Stops {@code source}'s run: 200 with its status here, or 202 with a {@link Forwarded}. */
    public <S> RestResponse<?> stop(OwnedSource<S> source) {
        Optional<S> here = owners.ifOwned(source, source::stop);
        if (here.isPresent()) {
            owners.record(source, ControlRecord.STOP, Map.of(), ControlRecord.REQUEST);
            return RestResponse.ok(here.get());
        }
        return RestResponse.status(Response.Status.ACCEPTED,
                forward(source, ControlRecord.STOP, Map.of(), ControlRecord.REQUEST));
    }

    private Forwarded forward(OwnedSource<?> source, String action, Map<String, String> params, String reason) {
        ControlRecord command = new ControlRecord(source.id().name(), action, params, reason, owners.replica(), false);
        try {
            owners.send(source, command).await().atMost(Owners.WRITE_TIMEOUT);
        } catch (RuntimeException e) {
            throw new ProblemException(Problem.of(503, "control-unavailable", "Kafka unavailable",
                    "this replica does not own " + source.id().name() + " and could not write the command to topic "
                            + owners.topic() + " for its owner: " + e.getMessage()));
        }
        return new Forwarded(source.id().name(), action, owners.replica(), "this replica does not own " + source.id().name()
                + ": the command went to partition " + source.id().partition() + " of topic " + owners.topic()
                + ", which the owner applies");
    }
}
