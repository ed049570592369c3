package dev.pulse.http;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * The answers of the control endpoints ({@code /sample}, {@code /x/stream}, {@code /bluesky/stream}): 202 for a run
 * started, 409 when it cannot start now, 400 when the request cannot start one ({@code /x/rules} uses the 409 too).
 */
public final class Control {

    private Control() {
    }

    /**
     * Starts a run: 202 with its status; 409 {@code already-running} when one runs ({@code running} says which, and
     * how to stop it); 400 {@code bad-parameter} when {@code start} refuses the request (an
     * {@link IllegalArgumentException}: a bad parameter, or a mode the configuration cannot run; its message is the
     * detail).
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

    private static ProblemException badParameter(String detail) {
        return new ProblemException(Problem.of(400, "bad-parameter", "Cannot start", detail));
    }

    /** 409: the request is right but the service's state does not allow it now. */
    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(Problem.of(409, slug, title, detail));
    }
}
