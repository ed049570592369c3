package dev.pulse.source;

import java.time.Duration;

/** How long a live source waits before its next connection: the waits grow with failures in a row. */
public interface Backoff {

    /** The wait before the connection that follows {@code failure} (one its session retries). */
    Duration next(Throwable failure);

    /** A connection delivered data: the next failure is the first in a row again. */
    void reset();
}
