package dev.pulse.http;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * The answers every control endpoint gives ({@code /sample}, {@code /x/stream}, {@code /bluesky/stream},
 * {@code /x/rules}): 202 for a run started, 409 when it cannot start now, 400 for a bad parameter.
 */
public final class Control {

    private Control() {
    }

    /**
     * Starts a run: 202 with its status; 409 {@code already-running} when one runs ({@code running} says which, and
     * how to stop it); 400 {@code bad-parameter} when {@code start} refuses its parameters (an
     * {@link IllegalArgumentException}, whose message is the detail).
     */
    public static <S> RestResponse<S> start(Supplier<Optional<S>> start, String running) {
        Optional<S> started;
        try {
            started = start.get();
        } catch (IllegalArgumentException e) {
            throw badParameter(e.getMessage());
        }
        return started.map(status -> RestResponse.status(Response.Status.ACCEPTED, status))
                .orElseThrow(() -> conflict("already-running", "Already running", running));
    }

    /** 400 {@code bad-parameter}: {@code detail} names the parameter and what it accepts. */
    public static ProblemException badParameter(String detail) {
        return new ProblemException(Problem.of(400, "bad-parameter", "Bad parameter", detail));
    }

    /** 409: the request is right but the service's state does not allow it now. */
    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(Problem.of(409, slug, title, detail));
    }
}
