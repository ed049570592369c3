package dev.pulse.owner;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A record of the control topic, keyed by the source's name: the run the source should have. A {@code start} with
 * its REST parameters, or a {@code stop}; {@code applied} when the replica that wrote it owned the source and had
 * already done it. The last record of a source's partition is what a new owner resumes.
 *
 * @param source the source's name
 * @param action {@code start} or {@code stop}
 * @param params the start's parameters, as its REST start takes them
 * @param reason why a stop: {@code request}, or {@code shutdown} when the last replica stopped
 * @param from the replica that wrote it
 * @param applied whether {@code from} owned the source and did it already
 */
@RegisterForReflection
public record ControlRecord(String source, String action, Map<String, String> params, String reason, String from,
        boolean applied) {

    static final String START = "start";
    static final String STOP = "stop";
    static final String REQUEST = "request";
    static final String SHUTDOWN = "shutdown";

    boolean start() {
        return START.equals(action);
    }

    /** A stop that ends what it stopped on every later owner, unlike the stop of the deployment's last replica. */
    boolean stopRequested() {
        return STOP.equals(action) && REQUEST.equals(reason);
    }
}
