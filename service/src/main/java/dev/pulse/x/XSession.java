package dev.pulse.x;

import java.time.Duration;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.pulse.source.LineFramer;
import dev.pulse.source.SourceSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * One run of the X stream publisher: a live stream with X's reconnect policy (one connection at a time, never two),
 * or one pass over a replay capture, as the Kafka records of its posts. The body chunks are framed into lines and
 * turned into records where they arrive (a live stream's event loop); a chunk is read from the connection only when
 * the channel asked for more records (back-pressure).
 */
final class XSession extends SourceSession {

    private static final Logger LOG = Logger.getLogger(XSession.class);

    private final XMode mode;
    private final XApi api;
    private final Supplier<Multi<byte[]>> replay;
    private final PostHandler handler;
    private final Backoff backoff;
    private final XStats stats;
    private final XConfig config;
    private final XConnections connections;
    /** Whether X's connections were closed since the last working connection: once, never in a loop. */
    private volatile boolean connectionsClosed;

    XSession(XMode mode, XApi api, Supplier<Multi<byte[]>> replay, PostHandler handler, Backoff backoff,
            XStats stats, XConfig config, XConnections connections) {
        super("X " + mode.label() + " stream", mode.live());
        this.mode = mode;
        this.api = api;
        this.replay = replay;
        this.handler = handler;
        this.backoff = backoff;
        this.stats = stats;
        this.config = config;
        this.connections = connections;
    }

    XMode mode() {
        return mode;
    }

    @Override
    protected Multi<Message<byte[]>> connection() {
        LOG.infof("Connecting to the X %s stream", mode.label());
        Multi<Buffer> chunks = api.stream(mode, this::stopped)
                .ifNoItem().after(config.stallTimeout()).failWith(() -> new XStreamException(
                        XStreamException.Cause.NETWORK, "stalled: nothing, not even a keep-alive, for "
                                + config.stallTimeout().toMillis() + " ms (pulse.x.stall-timeout)"));
        LineFramer framer = new LineFramer((int) config.maxLineBytes().asLongValue());
        return chunks
                .onCompletion().failWith(() -> new XStreamException(XStreamException.Cause.NETWORK, "X closed the stream"))
                .onItem().transformToMultiAndConcatenate(chunk -> {
                    connected();
                    return handler.messages(framer.feed(chunk.getBytes()));
                });
    }

    @Override
    protected void onConnected() {
        backoff.reset();
        stats.backoffMillis.set(0);
        connectionsClosed = false;
    }

    @Override
    protected Multi<Message<byte[]>> replayed() {
        return LineFramer.paced(replay.get(), (int) config.maxLineBytes().asLongValue(), false, config.replay().rate(),
                this::stopped).onItem().transformToMultiAndConcatenate(handler::messages);
    }

    @Override
    protected boolean retryable(Throwable failure) {
        return failure instanceof XStreamException x && x.kind().retryable;
    }

    @Override
    protected Uni<Long> backOff(Throwable failure) {
        XStreamException x = (XStreamException) failure;
        stats.reconnect(x.kind().label());
        if (x.kind() == XStreamException.Cause.TOO_MANY_CONNECTIONS && config.resetConnections()
                && !connectionsClosed) {
            connectionsClosed = true;
            LOG.warnf("X stream: %s; reconnecting once they are closed", x.getMessage());
            return connections.closeAll().replaceWith(0L).onFailure().recoverWithUni(failed -> {
                LOG.warnf("X stream: could not close X's connections (%s); backing off", failed.getMessage());
                return wait(x);
            });
        }
        return wait(x);
    }

    private Uni<Long> wait(XStreamException x) {
        Duration wait = backoff.next(x);
        stats.backoffMillis.set(wait.toMillis());
        LOG.warnf("X stream: %s; reconnecting in %d ms", x.getMessage(), wait.toMillis());
        return waitOrStop(wait);
    }

    @Override
    protected void disconnect() {
        api.disconnect();
    }

    @Override
    protected void onCompleted() {
        LOG.infof("X %s completed: %d posts published", mode.label(), stats.published.get());
    }

    @Override
    protected void onFailed(Throwable failure) {
        stats.backoffMillis.set(0);
        if (failure instanceof XStreamException x) {
            stats.error(x.kind().label());
        }
    }
}
