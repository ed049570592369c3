package dev.pulse.x;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * One run of the X stream publisher, from start to stop: a live stream with X's reconnect policy (one connection at
 * a time, never two), or one pass over a replay capture, as the Kafka records of its posts. The body chunks are
 * framed into lines and turned into records where they arrive (a live stream's event loop); a chunk is read from the
 * connection only when the channel asked for more records (back-pressure). Its stream of records never fails.
 */
final class XSession {

    enum State {
        CONNECTING, STREAMING, BACKING_OFF, STOPPED, FAILED, COMPLETED
    }

    private static final Logger LOG = Logger.getLogger(XSession.class);

    private final XMode mode;
    private final XApi api;
    private final Supplier<Multi<byte[]>> replay;
    private final PostHandler handler;
    private final Backoff backoff;
    private final XStats stats;
    private final XConfig config;
    private final XConnections connections;
    private final CompletableFuture<Void> stopSignal = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile State state = State.CONNECTING;
    private volatile String lastError;
    private volatile Instant nextRetryAt;
    private volatile Instant disconnectedSince = Instant.now();
    /** Whether X's connections were closed since the last working connection: once, never in a loop. */
    private volatile boolean connectionsClosed;

    XSession(XMode mode, XApi api, Supplier<Multi<byte[]>> replay, PostHandler handler, Backoff backoff,
            XStats stats, XConfig config, XConnections connections) {
        this.mode = mode;
        this.api = api;
        this.replay = replay;
        this.handler = handler;
        this.backoff = backoff;
        this.stats = stats;
        this.config = config;
        this.connections = connections;
    }

    /** Runs the session: the records of its posts, in the order received. */
    Multi<Message<byte[]>> run() {
        Multi<Message<byte[]>> stream;
        if (mode.live()) {
            stream = Multi.createFrom().deferred(this::connection)
                    .onCompletion().failWith(() -> new XStreamException(XStreamException.Cause.NETWORK,
                            "X closed the stream"))
                    .onFailure(this::retryable).retry()
                    .when(failures -> failures.onItem().transformToUniAndConcatenate(this::pauseBefore));
        } else {
            stream = replayed();
        }
        return stream
                .onCompletion().invoke(this::completed)
                .onFailure().invoke(this::failed)
                .onFailure().recoverWithCompletion()
                .onTermination().invoke(() -> ended.complete(null));
    }

    /** Completes when the session's stream ended: its last records are in the channel. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    void stop() {
        synchronized (this) {
            if (active()) {
                state = State.STOPPED;
                LOG.infof("X stream (%s) stopped", mode.label());
            }
            stopSignal.complete(null);
        }
        if (mode.live()) {
            api.disconnect();
        }
    }

    /** Ends the session before it streamed, e.g. when its rules were refused. */
    synchronized void failBeforeStart(String reason) {
        state = State.FAILED;
        lastError = reason;
        stopSignal.complete(null);
        ended.complete(null);
    }

    boolean active() {
        return state == State.CONNECTING || state == State.STREAMING || state == State.BACKING_OFF;
    }

    XMode mode() {
        return mode;
    }

    State state() {
        return state;
    }

    /** Since when a live session has had no working connection, or null while streaming. */
    Instant disconnectedSince() {
        return state == State.STREAMING ? null : disconnectedSince;
    }

    String lastError() {
        return lastError;
    }

    Instant nextRetryAt() {
        return state == State.BACKING_OFF ? nextRetryAt : null;
    }

    private Multi<Message<byte[]>> connection() {
        if (!enter(State.CONNECTING)) {
            return Multi.createFrom().empty();
        }
        LOG.infof("Connecting to the X %s stream", mode.label());
        Multi<Buffer> chunks = api.stream(mode, stopSignal::isDone)
                .ifNoItem().after(config.stallTimeout()).failWith(() -> new XStreamException(
                        XStreamException.Cause.NETWORK, "stalled: nothing, not even a keep-alive, for "
                                + config.stallTimeout().toMillis() + " ms (pulse.x.stall-timeout)"));
        LineFramer framer = new LineFramer((int) config.maxLineBytes().asLongValue());
        return chunks.onItem().transformToMultiAndConcatenate(chunk -> {
            connected();
            return handler.messages(framer.feed(chunk.getBytes()));
        });
    }

    /**
     * Moves a running session to {@code next}; false once it was stopped. Stop, and every change of state while
     * running, hold the session's lock: a stop racing a reconnect cannot be overwritten by {@code connecting}.
     */
    private synchronized boolean enter(State next) {
        if (stopSignal.isDone() || !active()) {
            return false;
        }
        state = next;
        return true;
    }

    private void connected() {
        if (state != State.STREAMING && enter(State.STREAMING)) {
            backoff.reset();
            stats.backoffMillis.set(0);
            lastError = null;
            connectionsClosed = false;
            LOG.infof("X %s stream connected", mode.label());
        }
    }

    private Multi<Message<byte[]>> replayed() {
        enter(State.STREAMING);
        Multi<List<StreamLine>> lines = LineFramer.frame(replay.get(), (int) config.maxLineBytes().asLongValue())
                .select().first(chunk -> !stopSignal.isDone());
        double rate = config.replay().rate();
        if (rate > 0) {
            Duration gap = Duration.ofNanos((long) (1e9 / rate));
            lines = lines.onItem().<StreamLine> disjoint()
                    .onItem().call(line -> Uni.createFrom().voidItem().onItem().delayIt().by(gap))
                    .select().first(line -> !stopSignal.isDone())
                    .onItem().transform(List::of);
        }
        return lines.onItem().transformToMultiAndConcatenate(handler::messages);
    }

    private boolean retryable(Throwable failure) {
        return !stopSignal.isDone() && failure instanceof XStreamException x && x.kind().retryable;
    }

    /** Waits the back-off (cut short by stop); the item, never null, triggers the retry. */
    private Uni<Long> pauseBefore(Throwable failure) {
        XStreamException x = (XStreamException) failure;
        if (state == State.STREAMING) {
            disconnectedSince = Instant.now();
        }
        if (!enter(State.BACKING_OFF)) {
            return Uni.createFrom().item(0L); // stopped: the retry finds the stop and ends the stream
        }
        lastError = x.getMessage();
        stats.reconnect(x.kind().label());
        if (x.kind() == XStreamException.Cause.TOO_MANY_CONNECTIONS && config.resetConnections()
                && !connectionsClosed) {
            connectionsClosed = true;
            nextRetryAt = Instant.now();
            LOG.warnf("X stream: %s; reconnecting once they are closed", x.getMessage());
            return connections.closeAll().replaceWith(0L).onFailure().recoverWithUni(failed -> {
                LOG.warnf("X stream: could not close X's connections (%s); backing off", failed.getMessage());
                return backOff(x);
            });
        }
        return backOff(x);
    }

    private Uni<Long> backOff(XStreamException x) {
        Duration wait = backoff.next(x);
        nextRetryAt = Instant.now().plus(wait);
        stats.backoffMillis.set(wait.toMillis());
        LOG.warnf("X stream: %s; reconnecting in %d ms", x.getMessage(), wait.toMillis());
        if (wait.isZero()) {
            return Uni.createFrom().item(0L);
        }
        return Uni.createFrom().completionStage(stopSignal.copy()).ifNoItem().after(wait).recoverWithItem((Void) null)
                .replaceWith(wait.toMillis());
    }

    private synchronized void completed() {
        if (active()) {
            state = State.COMPLETED;
            LOG.infof("X %s completed: %d posts published", mode.label(), stats.published.get());
        }
    }

    private synchronized void failed(Throwable failure) {
        if (state == State.STOPPED) {
            return;
        }
        state = State.FAILED;
        lastError = failure.getMessage();
        stats.backoffMillis.set(0);
        if (failure instanceof XStreamException x) {
            stats.error(x.kind().label());
        }
        LOG.errorf("X %s stream stopped: %s", mode.label(), failure.getMessage());
    }
}
