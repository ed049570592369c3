package dev.pulse.owner;

import java.util.Map;
import java.util.Optional;

/**
 * A source that runs on one replica at a time: the replica the group coordinator assigns the source's partition of
 * the control topic. Its runs are described by the parameters of its REST start, so a command given to any replica,
 * or the run a lost owner left, can be started by the owner.
 *
 * @param <S> its status
 */
public interface OwnedSource<S> {

    /** Its name, channel and control partition. */
    SourceId id();

    /** Whether a run is going (or waiting to reconnect). */
    boolean active();

    /** Refuses parameters that cannot start a run, with an {@link IllegalArgumentException} naming the bad one. */
    void check(Map<String, String> params);

    /**
     * Starts a run with {@code params}, continuing where the last one stopped when {@code takeover}; empty when one is
     * running. Refuses like {@link #check}.
     */
    Optional<S> start(Map<String, String> params, boolean takeover);

    /** Stops the run, if any. */
    S stop();

    /** Does what start-up does when no command says otherwise: its {@code pulse.*} start setting. */
    void startConfigured();

    /**
     * Stops the run and waits, boundedly, until what it sent is acknowledged: another replica is about to take the
     * source over and continue from what the topic holds.
     */
    void release();

    /** Its status on this replica. */
    S status();
}
