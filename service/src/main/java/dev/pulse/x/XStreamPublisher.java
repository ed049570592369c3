package dev.pulse.x;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.kafka.TopicsConfig;
import dev.pulse.owner.SourceId;
import dev.pulse.source.LineFramer;
import dev.pulse.source.StreamPublisher;
import dev.pulse.source.StreamResource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * The X stream publisher: X's posts → channel {@code tweets} → topic {@code tweets}. Each start queues an
 * {@link XSession}; a session runs until stopped (live) or to the end of its capture (replay), and only one runs at a
 * time. The stream is read with the Vert.x HTTP client, not the REST client: in Quarkus 3.33 the REST client has no
 * back-pressure and no line framing for a body that is not server-sent events.
 */
@Singleton
public class XStreamPublisher extends StreamPublisher<XMode, XStatus, XConfig, XStats> {

    private final XApi api;
    private final ObjectMapper mapper;
    private final LineRecorder recorder;
    private final XRules rules;
    private final XWindow window;

    XStreamPublisher(XConfig config, XStats stats, XApi api, ObjectMapper mapper, LineRecorder recorder, XRules rules,
            XWindow window, TopicsConfig topics) {
        super(new SourceId("x", "tweets", 1), topics.tweets(), new XPostSummary(), config, stats,
                new XBackoff(config.backoff(), Clock.systemUTC()));
        this.api = api;
        this.mapper = mapper;
        this.recorder = recorder;
        this.rules = rules;
        this.window = window;
    }

    /** The queued sessions' records, one session after the other, for the life of the application. */
    @Outgoing("tweets")
    Multi<Message<byte[]>> posts() {
        return sessions.records();
    }

    /** The configured mode: {@code pulse.x.stream}, else {@code sample} with a token and {@code off} without. */
    public XMode configuredMode() {
        return config.stream().orElse(api.hasToken() ? XMode.SAMPLE : XMode.OFF);
    }

    void onStart(@Observes StartupEvent event) {
        XMode mode = configuredMode();
        if (mode == XMode.OFF) {
            log.info("X stream off: set pulse.x.bearer-token (and pulse.x.stream=sample or filtered) to stream live"
                    + " posts into Kafka, or pulse.x.stream=replay to replay a capture without a token");
            return;
        }
        if (mode.live() && !api.hasToken()) {
            throw new IllegalStateException("pulse.x.stream=" + mode.label()
                    + " needs an X API bearer token: set pulse.x.bearer-token (env PULSE_X_BEARER_TOKEN)");
        }
        log.infof("X stream mode %s: %s", mode.label(), mode.access());
    }

    @Override
    protected Optional<XMode> configured() {
        return Optional.of(configuredMode()).filter(mode -> mode != XMode.OFF);
    }

    @Override
    protected XMode mode(Map<String, String> params) {
        String name = params.get(StreamResource.MODE);
        XMode mode = name == null ? configuredMode() : XMode.parse(name);
        if (mode.live() && !api.hasToken()) {
            throw new IllegalArgumentException("no X API bearer token is configured (pulse.x.bearer-token)");
        }
        if (mode == XMode.OFF) {
            throw new IllegalArgumentException("mode off streams nothing; use sample, filtered or replay");
        }
        return mode;
    }

    @Override
    protected XSession session(XMode mode) {
        recorder.enable(mode.live());
        return new XSession(mode);
    }

    /** A live session taking over first rebuilds the duplicate window; a filtered one first sets the rules. */
    @Override
    protected Uni<Void> prepare(XMode mode, boolean takeover) {
        if (mode.live() && takeover) {
            // What the previous owner (or this process before a restart) published is only in the topic.
            int ids = window.rebuild(topic(), config.dedupWindow(), recent);
            log.debugf("X: duplicate window rebuilt from the last %d posts of %s", ids, topic());
        }
        if (mode != XMode.FILTERED || config.rules().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return rules.reconcile(config.rules()).replaceWithVoid();
    }

    @Override
    public XStatus status() {
        Session session = sessions.current();
        Instant retry = session == null ? null : session.nextRetryAt();
        String source = session != null && !session.live() ? capture.name() : null;
        return new XStatus(mode(), state(), stats.received.get(), stats.published.get(), stats.malformed.get(),
                stats.duplicates.get(), stats.keepAlives.get(), stats.reconnects.get(),
                session == null ? null : session.lastError(), retry == null ? null : retry.toString(), source);
    }

    /**
     * One run of the X stream publisher: a live stream with X's reconnect policy (one connection at a time, never two),
     * or one pass over a replay capture, as the Kafka records of its posts. The body chunks are framed into lines and
     * turned into records where they arrive (a live stream's event loop); a chunk is read from the connection only when
     * the channel asked for more records (back-pressure).
     */
    final class XSession extends Session {

        private final PostHandler handler;
        /** Whether X's connections were closed since the last working connection: once, never in a loop. */
        private volatile boolean connectionsClosed;

        XSession(XMode mode) {
            super("X " + mode.label() + " stream", mode);
            this.handler = new PostHandler(mapper, mode, recent, stats, recorder);
        }

        @Override
        protected Multi<Message<byte[]>> connection() {
            log.infof("Connecting to the X %s stream", mode.label());
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
            super.onConnected();
            connectionsClosed = false;
        }

        @Override
        protected Multi<Message<byte[]>> replayed() {
            return capturedLines((int) config.maxLineBytes().asLongValue(), false)
                    .onItem().transformToMultiAndConcatenate(handler::messages);
        }

        @Override
        protected boolean retryable(Throwable failure) {
            return failure instanceof XStreamException x && x.kind().retryable;
        }

        /**
         * After a {@code TooManyConnections}, once, X's connections of this app are closed and the next try comes at
         * once ({@code pulse.x.reset-connections}); otherwise X's back-off.
         */
        @Override
        protected Uni<Long> backOff(Throwable failure) {
            XStreamException x = (XStreamException) failure;
            if (x.kind() != XStreamException.Cause.TOO_MANY_CONNECTIONS || !config.resetConnections()
                    || connectionsClosed) {
                return super.backOff(failure);
            }
            connectionsClosed = true;
            stats.reconnect(failure);
            log.warnf("%s: %s; reconnecting once X closed this app's connections", name(), x.getMessage());
            return api.closeConnections()
                    .invoke(() -> log.info("Closed the stream connections X held for this app (pulse.x.reset-connections)"))
                    .replaceWith(0L)
                    .onFailure().recoverWithUni(failed -> {
                        log.warnf("%s: could not close X's connections (%s); backing off", name(), failed.getMessage());
                        return waitOut(failure);
                    });
        }

        @Override
        protected void disconnect() {
            api.disconnect();
        }

        @Override
        protected void onFailed(Throwable failure) {
            if (failure instanceof XStreamException x) {
                stats.error(x.kind().label());
            }
        }
    }
}
