package dev.pulse.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * One run of a live source, from start to stop, as the Kafka records it publishes: a live stream that reconnects
 * after the failures its source calls retryable (one connection at a time, a back-off that stop cuts short), or one
 * pass over a capture. Stop is final in every state: stop and every change of state hold the session's lock, so a stop
 * racing a reconnect cannot be overwritten by {@code connecting}. Its stream of records never fails.
 */
public abstract class SourceSession {

    private static final Logger LOG = Logger.getLogger(SourceSession.class);

    private final String name;
    private final String mode;
    private final boolean live;
    private final CompletableFuture<Void> stopSignal = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile SessionState state = SessionState.CONNECTING;
    private volatile String lastError;
    private volatile Instant nextRetryAt;
    private volatile Instant disconnectedSince = Instant.now();

    /**
     * {@code name} names the run in logs, e.g. {@code X sample stream}; {@code mode} is its source's mode, e.g.
     * {@code sample}; {@code live} is false for one pass over a capture.
     */
    protected SourceSession(String name, String mode, boolean live) {
        this.name = name;
        this.mode = mode;
        this.live = live;
    }

    /**
     * A new connection's records; called in state {@code connecting}. It fails when the connection ends (with a
     * failure that {@link #retryable} judges), and completes only when the session was stopped.
     */
    protected abstract Multi<Message<byte[]>> connection();

    /** The capture's records, for a session that is not live. */
    protected abstract Multi<Message<byte[]>> replayed();

    /** Whether a connection that ended with {@code failure} is tried again. */
    protected abstract boolean retryable(Throwable failure);

    /** The wait before the next connection (usually {@link #waitOrStop}); its item, never null, triggers it. */
    protected abstract Uni<Long> backOff(Throwable failure);

    /** Closes the current connection, if any, so that its stream ends now. */
    protected abstract void disconnect();

    /** Called once when a connection delivers its first data after a start or a failure. */
    protected void onConnected() {
    }

    /** Called when the session ends with a failure that was not retried. */
    protected void onFailed(Throwable failure) {
    }

    /** Called when the capture (or a stream that may end) ended. */
    protected void onCompleted() {
    }

    /** Called once the session's stream ended, however: completed, failed or stopped. */
    protected void onEnded() {
    }

    /** Runs the session: its records, in the order received. */
    public final Multi<Message<byte[]>> run() {
        Multi<Message<byte[]>> stream;
        if (live) {
            stream = Multi.createFrom().deferred(() -> enter(SessionState.CONNECTING) ? connection()
                    : Multi.createFrom().<Message<byte[]>> empty())
                    // a connection's stream completes only when it was stopped: sources fail it when the server closes
                    .onCompletion().failWith(() -> new IllegalStateException(name + " ended"))
                    .onFailure(failure -> !stopped() && retryable(failure)).retry()
                    .when(failures -> failures.onItem().transformToUniAndConcatenate(this::pauseBefore));
        } else {
            enter(SessionState.STREAMING);
            stream = replayed();
        }
        return stream
                .onCompletion().invoke(this::completed)
                .onFailure().invoke(this::failed)
                .onFailure().recoverWithCompletion()
                .onTermination().invoke(() -> {
                    onEnded();
                    ended.complete(null);
                });
    }

    /** Completes when the session's stream ended: its last records are in the channel. */
    public final CompletableFuture<Void> ended() {
        return ended;
    }

    public final void stop() {
        synchronized (this) {
            if (active()) {
                state = SessionState.STOPPED;
                LOG.infof("%s stopped", name);
            }
            stopSignal.complete(null);
        }
        if (live) {
            disconnect();
        }
    }

    /**
     * At shutdown: stops the session and waits up to {@code wait} for its stream to end, so that its last records are
     * in the channel before SmallRye closes it.
     */
    public final void stopAndDrain(Duration wait) {
        stop();
        try {
            Uni.createFrom().completionStage(ended.copy()).await().atMost(wait); // a copy: a time-out cancels it
        } catch (RuntimeException e) {
            LOG.warnf("%s: the last records were still being sent at shutdown (%s)", name, e);
        }
    }

    /** Ends the session before it streamed, e.g. when its set-up was refused. */
    public final synchronized void failBeforeStart(String reason) {
        state = SessionState.FAILED;
        lastError = reason;
        stopSignal.complete(null);
        ended.complete(null);
    }

    public final boolean live() {
        return live;
    }

    /** Its source's mode, as the status shows it. */
    public final String mode() {
        return mode;
    }

    public final boolean active() {
        return state.active();
    }

    /** Whether stop was asked for (or the session ended before it started). */
    public final boolean stopped() {
        return stopSignal.isDone();
    }

    public final SessionState state() {
        return state;
    }

    public final String lastError() {
        return lastError;
    }

    /** When a backing-off session connects again, else null. */
    public final Instant nextRetryAt() {
        return state == SessionState.BACKING_OFF ? nextRetryAt : null;
    }

    /** Why it is unwell: failed, or live and without a working connection for longer than {@code max}. */
    public final Optional<String> problem(Duration max, String maxKey) {
        if (state == SessionState.FAILED) {
            return Optional.of(lastError);
        }
        Instant since = state == SessionState.STREAMING ? null : disconnectedSince;
        if (live && active() && since != null && Duration.between(since, Instant.now()).compareTo(max) > 0) {
            return Optional.of("disconnected since " + since + " (longer than " + maxKey + ")");
        }
        return Optional.empty();
    }

    /** Marks the connection as working; the first time after a start or a failure, {@link #onConnected()} runs. */
    protected final void connected() {
        if (state != SessionState.STREAMING && enter(SessionState.STREAMING)) {
            lastError = null;
            onConnected();
            LOG.infof("%s connected", name);
        }
    }

    /** Waits {@code wait}, or less when the session is stopped meanwhile; the item is the wait in ms. */
    protected final Uni<Long> waitOrStop(Duration wait) {
        nextRetryAt = Instant.now().plus(wait);
        if (wait.isZero()) {
            return Uni.createFrom().item(0L);
        }
        return Uni.createFrom().completionStage(stopSignal.copy()).ifNoItem().after(wait).recoverWithItem((Void) null)
                .replaceWith(wait.toMillis());
    }

    protected final String name() {
        return name;
    }

    private synchronized boolean enter(SessionState next) {
        if (stopSignal.isDone() || !active()) {
            return false;
        }
        state = next;
        return true;
    }

    private Uni<Long> pauseBefore(Throwable failure) {
        if (state == SessionState.STREAMING) {
            disconnectedSince = Instant.now();
        }
        if (!enter(SessionState.BACKING_OFF)) {
            return Uni.createFrom().item(0L); // stopped: the retry finds the stop and ends the stream
        }
        lastError = failure.getMessage();
        nextRetryAt = null;
        return backOff(failure);
    }

    private synchronized void completed() {
        if (active()) {
            state = SessionState.COMPLETED;
            onCompleted();
        }
    }

    private synchronized void failed(Throwable failure) {
        if (state == SessionState.STOPPED) {
            return;
        }
        state = SessionState.FAILED;
        lastError = failure.getMessage();
        onFailed(failure);
        LOG.errorf("%s stopped: %s", name, failure.getMessage());
    }
}
