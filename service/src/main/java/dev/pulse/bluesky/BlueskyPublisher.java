package dev.pulse.bluesky;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.kafka.TopicsConfig;
import dev.pulse.owner.SourceId;
import dev.pulse.source.ExponentialBackoff;
import dev.pulse.source.RecentKeys;
import dev.pulse.source.StreamLine;
import dev.pulse.source.StreamPublisher;
import dev.pulse.source.StreamResource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The Bluesky publisher: Jetstream events → channel {@code bluesky} → topic {@code bluesky}. Each start queues a
 * {@link BlueskySession}; only one runs at a time. A live run first reads where to resume from the topic itself
 * ({@link BlueskyCursor}): nothing the server sent is lost across a restart, and nothing is published twice.
 */
@Singleton
public class BlueskyPublisher extends StreamPublisher<BlueskyMode, BlueskyStatus, BlueskyConfig, BlueskyStats> {

    private final Jetstream jetstream;
    private final BlueskyCursor cursor;
    private final ObjectMapper mapper;

    BlueskyPublisher(BlueskyConfig config, BlueskyStats stats, Jetstream jetstream, BlueskyCursor cursor,
            ObjectMapper mapper, TopicsConfig topics) {
        super(new SourceId("bluesky", "bluesky", 2), topics.bluesky(), new BlueskyPostSummary(), config, stats,
                new ExponentialBackoff(config.backoff().initial(), config.backoff().max()));
        this.jetstream = jetstream;
        this.cursor = cursor;
        this.mapper = mapper;
        if (config.urls().isEmpty()) {
            throw new IllegalArgumentException("pulse.bluesky.urls is empty: give at least one Jetstream URL");
        }
        for (var url : config.urls()) {
            if (!"wss".equals(url.getScheme()) && !"ws".equals(url.getScheme())) {
                throw new IllegalArgumentException("pulse.bluesky.urls: " + url + " is not a ws:// or wss:// URL");
            }
        }
    }

    /** The queued sessions' records, one session after the other, for the life of the application. */
    @Outgoing("bluesky")
    Multi<Message<byte[]>> events() {
        return sessions.records();
    }

    void onStart(@Observes StartupEvent event) {
        if (config.stream() == BlueskyMode.OFF) {
            log.info("Bluesky off: set pulse.bluesky.stream=jetstream to stream Bluesky's public posts into Kafka (no"
                    + " account needed), or pulse.bluesky.stream=replay to replay a capture offline");
        }
    }

    @Override
    protected Optional<BlueskyMode> configured() {
        return Optional.of(config.stream()).filter(mode -> mode != BlueskyMode.OFF);
    }

    /** {@code params}' {@code mode}, else {@code pulse.bluesky.stream}, else {@code jetstream}. */
    @Override
    protected BlueskyMode mode(Map<String, String> params) {
        String name = params.get(StreamResource.MODE);
        BlueskyMode mode = name != null ? BlueskyMode.parse(name)
                : config.stream() == BlueskyMode.OFF ? BlueskyMode.JETSTREAM : config.stream();
        if (mode == BlueskyMode.OFF) {
            throw new IllegalArgumentException("mode off streams nothing; use jetstream or replay");
        }
        return mode;
    }

    @Override
    protected BlueskySession session(BlueskyMode mode) {
        return new BlueskySession(mode);
    }

    /** A Jetstream session always resumes from the cursor the topic holds: it first reads it, off the event loop. */
    @Override
    protected Uni<Void> prepare(BlueskyMode mode, boolean takeover) {
        if (!mode.live()) {
            return Uni.createFrom().voidItem();
        }
        log.infof("Bluesky Jetstream: collections %s, resuming from %s", config.collections(), topic());
        return Uni.createFrom().item(() -> cursor.read(topic(), config.rewind(), config.dedupWindow()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(resume -> {
                    resume.seen().forEach(recent::firstTime);
                    stats.cursor.accumulateAndGet(resume.newestUs(), Math::max);
                    if (resume.newestUs() > 0) {
                        log.infof("Bluesky: newest event in %s at time_us %d; resuming from %d (%d events to skip if"
                                + " sent again)", topic(), resume.newestUs(), resume.cursorUs(), resume.seen().size());
                    }
                })
                .onFailure().transform(failure -> new IllegalStateException("cannot read " + topic() + ": "
                        + failure.getMessage()))
                .replaceWithVoid();
    }

    @Override
    public BlueskyStatus status() {
        Session session = sessions.current();
        Instant retry = session == null ? null : session.nextRetryAt();
        long newest = stats.cursor.get();
        return new BlueskyStatus(mode(), state(), stats.received.get(), stats.published.get(), stats.skipped.get(),
                stats.duplicates.get(), stats.reconnects.get(), newest == 0 ? null : newest,
                session instanceof BlueskySession current && current.live() ? current.url() : null,
                session == null ? null : session.lastError(),
                retry == null ? null : retry.toString(),
                session != null && !session.live() ? capture.name() : null);
    }

    /**
     * One run of the Bluesky publisher: Jetstream live, resuming each connection from the newest {@code time_us} received
     * minus the rewind and rotating through the configured hosts after a failure, or one pass over a capture.
     */
    final class BlueskySession extends Session {

        private final EventHandler handler;
        /** How many connections failed: the next one goes to the next host. */
        private int host;
        private volatile String url;

        BlueskySession(BlueskyMode mode) {
            super("Bluesky " + mode.label(), mode);
            // a replay has a duplicate window of its own, apart from the live stream's
            this.handler = new EventHandler(mapper, live(), config.kinds(),
                    live() ? recent : new RecentKeys(config.dedupWindow()), stats);
        }

        /** The host of the current or last connection. */
        String url() {
            return url;
        }

        @Override
        protected Multi<Message<byte[]>> connection() {
            URI base = config.urls().get(host % config.urls().size());
            long newest = stats.cursor.get();
            long cursor = newest == 0 ? 0 : Math.max(1, newest - config.rewind().toNanos() / 1000);
            url = base.toString();
            log.infof("Connecting to Jetstream at %s %s", base, cursor == 0 ? "(live)" : "from cursor " + cursor);
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
        protected Multi<Message<byte[]>> replayed() {
            int max = (int) Math.min(Integer.MAX_VALUE, config.maxMessageBytes().asLongValue());
            return capturedLines(max, true)
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

        /** The next connection goes to the next host. */
        @Override
        protected Uni<Long> backOff(Throwable failure) {
            host++;
            return super.backOff(failure);
        }

        @Override
        protected void disconnect() {
            jetstream.disconnect();
        }
    }
}
