package dev.pulse.source;

/**
 * A live source's mode (its enum): how statuses and the {@code mode} start parameter name it.
 */
public interface SourceMode {

    /** Its name in statuses and parameters, e.g. {@code sample} or {@code off}. */
    String label();

    /** Whether it streams from the source itself (else it replays a capture, or is off). */
    boolean live();
}
