package dev.pulse.bluesky;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.pulse.source.ExponentialBackoff;
import dev.pulse.source.LineFramer;
import dev.pulse.source.SourceSession;
import dev.pulse.source.StreamLine;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * One run of the Bluesky publisher: Jetstream live, resuming each connection from the newest {@code time_us} received
 * minus the rewind and rotating through the configured hosts after a failure, or one pass over a capture.
 */
final class BlueskySession extends SourceSession {

    private static final Logger LOG = Logger.getLogger(BlueskySession.class);

    private final BlueskyMode mode;
    private final Jetstream jetstream;
    private final Supplier<Multi<byte[]>> capture;
    private final EventHandler handler;
    private final ExponentialBackoff backoff;
    private final BlueskyStats stats;
    private final BlueskyConfig config;
    private final List<URI> urls;
    private int host;
    private volatile String url;

    BlueskySession(BlueskyMode mode, Jetstream jetstream, Supplier<Multi<byte[]>> capture, EventHandler handler,
            ExponentialBackoff backoff, BlueskyStats stats, BlueskyConfig config) {
        super("Bluesky " + mode.label(), mode == BlueskyMode.JETSTREAM);
        this.mode = mode;
        this.jetstream = jetstream;
        this.capture = capture;
        this.handler = handler;
        this.backoff = backoff;
        this.stats = stats;
        this.config = config;
        this.urls = config.urls();
    }

    BlueskyMode mode() {
        return mode;
    }

    /** The host of the current or last connection. */
    String url() {
        return url;
    }

    @Override
    protected Multi<Message<byte[]>> connection() {
        URI base = urls.get(host % urls.size());
        long newest = stats.cursor.get();
        long cursor = newest == 0 ? 0 : Math.max(1, newest - config.rewind().toNanos() / 1000);
        url = base.toString();
        LOG.infof("Connecting to Jetstream at %s %s", base, cursor == 0 ? "(live)" : "from cursor " + cursor);
        return jetstream.connect(jetstream.url(base, cursor), this::stopped)
                .onCompletion().failWith(() -> new BlueskyException(stopped() ? "stopped" : "the stream ended"))
                // whatever ends a connection, another one follows (after the back-off): a live source keeps going
                .onFailure(failure -> !(failure instanceof BlueskyException))
                .transform(failure -> new BlueskyException("the connection failed: " + failure))
                .onItem().transform(frame -> {
                    connected();
                    return Optional.ofNullable(handler.message(frame));
                })
                .select().where(Optional::isPresent).onItem().transform(Optional::get);
    }

    @Override
    protected void onConnected() {
        backoff.reset();
    }

    @Override
    protected Multi<Message<byte[]>> replayed() {
        int max = (int) Math.min(Integer.MAX_VALUE, config.maxMessageBytes().asLongValue());
        return LineFramer.paced(capture.get(), max, true, config.replay().rate(), this::stopped)
                .onItem().transformToIterable(lines -> lines.stream()
                        .filter(line -> line.kind() != StreamLine.Kind.KEEP_ALIVE) // blank lines of the file
                        .map(line -> handler.message(line.kind() == StreamLine.Kind.OVERSIZED
                                ? new JetstreamFrame(JetstreamFrame.Type.OVERSIZED, null, line.size())
                                : JetstreamFrame.text(line.bytes())))
                        .filter(Objects::nonNull).toList());
    }

    @Override
    protected boolean retryable(Throwable failure) {
        return failure instanceof BlueskyException;
    }

    @Override
    protected Uni<Long> backOff(Throwable failure) {
        stats.reconnects.incrementAndGet();
        host++;
        Duration wait = backoff.next();
        LOG.warnf("Bluesky: %s; reconnecting to %s in %d ms", failure.getMessage(), urls.get(host % urls.size()),
                wait.toMillis());
        return waitOrStop(wait);
    }

    @Override
    protected void disconnect() {
        jetstream.disconnect();
    }

    @Override
    protected void onCompleted() {
        LOG.infof("Bluesky %s completed: %d events published", mode.label(), stats.published.get());
    }
}
