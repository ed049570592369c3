package dev.pulse.source;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

/**
 * A live source's sessions, one after the other, as the one stream of records its {@code @Outgoing} channel carries
 * for the life of the application; at most one is active at a time.
 */
public final class Sessions<S extends SourceSession> {

    private final UnicastProcessor<S> queued = UnicastProcessor.create();
    private volatile S current;

    /** The records of every session queued, in order. */
    public Multi<Message<byte[]>> records() {
        return queued.onItem().transformToMultiAndConcatenate(SourceSession::run);
    }

    /** The current (or last) session; null before the first start. */
    public S current() {
        return current;
    }

    /** Whether the current session is still going: a new one may not start. */
    public boolean busy() {
        S session = current;
        return session != null && session.active();
    }

    /** Makes {@code session} the current one; it runs once {@link #queue queued}. */
    public void begin(S session) {
        current = session;
    }

    /** Lets {@code session}'s records into the channel, after the sessions queued before it. */
    public synchronized void queue(S session) {
        queued.onNext(session);
    }

    /** Stops the current session, if any. */
    public void stop() {
        S session = current;
        if (session != null) {
            session.stop();
        }
    }

    /** The current session's state, or {@code off} when none ever started. */
    public String state() {
        S session = current;
        return session == null ? "off" : session.state().label();
    }

    /** Why the current session is unwell, or empty; see {@link SourceSession#problem}. */
    public Optional<String> problem(Duration maxDisconnected, String maxKey) {
        S session = current;
        return session == null ? Optional.empty() : session.problem(maxDisconnected, maxKey);
    }

    /**
     * Stops the current session and waits, at most {@code wait}, for the records already received to be handed to
     * the channel: called at shutdown before SmallRye closes the channel, which sends what it holds.
     */
    public void stopAndDrain(Duration wait) {
        S session = current;
        if (session != null) {
            session.stopAndDrain(wait);
        }
    }
}
