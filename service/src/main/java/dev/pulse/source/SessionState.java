package dev.pulse.source;

/**
 * Where a live source's session is: running ({@code connecting}, {@code streaming}, {@code backing-off}) or ended
 * ({@code stopped}, {@code failed}, {@code completed}).
 */
public enum SessionState {
    CONNECTING,
    STREAMING,
    BACKING_OFF,
    STOPPED,
    FAILED,
    COMPLETED;

    public boolean active() {
        return this == CONNECTING || this == STREAMING || this == BACKING_OFF;
    }

    /** As shown in status and health: lower case, with a hyphen. */
    public String label() {
        return name().toLowerCase().replace('_', '-');
    }
}
