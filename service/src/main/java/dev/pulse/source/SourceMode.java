package dev.pulse.source;

/**
 * A live source's mode (its enum): how statuses and the {@code mode} start parameter name it.
 */
public interface SourceMode {

    /** Its name in statuses and parameters, e.g. {@code sample} or {@code off}. */
    String label();
}
