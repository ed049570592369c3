package dev.pulse.bluesky;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.kafka.TopicsConfig;
import dev.pulse.source.CaptureFile;
import dev.pulse.source.ExponentialBackoff;
import dev.pulse.source.RecentKeys;
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
@ApplicationScoped
public class BlueskyPublisher extends StreamPublisher<BlueskySession, BlueskyMode, BlueskyStatus> {

    private static final Logger LOG = Logger.getLogger(BlueskyPublisher.class);
    /** The synthetic capture replayed when {@code pulse.bluesky.replay.file} is unset. */
    static final String BUNDLED_REPLAY = "bluesky/replay-sample.ndjson";

    private final BlueskyConfig config;
    private final Jetstream jetstream;
    private final BlueskyCursor cursor;
    private final BlueskyStats stats;
    private final ObjectMapper mapper;
    private final CaptureFile capture;
    private final ExponentialBackoff backoff;
    private final RecentKeys recent;
    private final String topic;

    BlueskyPublisher(BlueskyConfig config, Jetstream jetstream, BlueskyCursor cursor, BlueskyStats stats,
            ObjectMapper mapper, TopicsConfig topics) {
        this.config = config;
        this.jetstream = jetstream;
        this.cursor = cursor;
        this.stats = stats;
        this.mapper = mapper;
        this.topic = topics.bluesky();
        this.capture = new CaptureFile(config.replay().file(), BUNDLED_REPLAY, "pulse.bluesky.replay.file");
        this.backoff = new ExponentialBackoff(config.backoff().initial(), config.backoff().max());
        this.recent = new RecentKeys(config.dedupWindow());
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
            LOG.info("Bluesky off: set pulse.bluesky.stream=jetstream to stream Bluesky's public posts into Kafka (no"
                    + " account needed), or pulse.bluesky.stream=replay to replay a capture offline");
        }
    }

    @Override
    public String name() {
        return "bluesky";
    }

    @Override
    public String channel() {
        return "bluesky";
    }

    @Override
    public int partition() {
        return 2;
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

    /** A Jetstream session always resumes from the cursor the topic holds. */
    @Override
    protected BlueskyStatus begin(BlueskyMode mode, boolean takeover) {
        boolean live = mode == BlueskyMode.JETSTREAM;
        EventHandler handler = new EventHandler(mapper, live, config.kinds(),
                live ? recent : new RecentKeys(config.dedupWindow()), stats);
        BlueskySession session = new BlueskySession(mode, jetstream, capture::chunks, handler, backoff, stats, config);
        sessions.begin(session);
        if (live) {
            LOG.infof("Bluesky Jetstream: collections %s, resuming from %s", config.collections(), topic);
            Uni.createFrom().item(() -> cursor.read(topic, config.rewind(), config.dedupWindow()))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .subscribe().with(resume -> {
                        resume.seen().forEach(recent::firstTime);
                        stats.cursor.accumulateAndGet(resume.newestUs(), Math::max);
                        if (resume.newestUs() > 0) {
                            LOG.infof("Bluesky: newest event in %s at time_us %d; resuming from %d (%d events to"
                                    + " skip if sent again)", topic, resume.newestUs(), resume.cursorUs(),
                                    resume.seen().size());
                        }
                        sessions.queue(session);
                    }, failure -> session.failBeforeStart("cannot read " + topic + ": " + failure.getMessage()));
        } else {
            sessions.queue(session);
        }
        return status();
    }

    @Override
    public BlueskyStatus status() {
        BlueskySession session = sessions.current();
        Instant retry = session == null ? null : session.nextRetryAt();
        long newest = stats.cursor.get();
        return new BlueskyStatus(mode(), state(), stats.received.get(), stats.published.get(), stats.skipped.get(),
                stats.duplicates.get(), stats.reconnects.get(), newest == 0 ? null : newest,
                session == null || !session.live() ? null : session.url(), session == null ? null : session.lastError(),
                retry == null ? null : retry.toString(),
                session != null && !session.live() ? capture.name() : null);
    }

    @Override
    public String path() {
        return "bluesky/stream";
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public String mode() {
        BlueskySession session = sessions.current();
        return (session == null ? config.stream() : session.mode()).label();
    }

    @Override
    public Optional<String> problem() {
        return sessions.problem(config.maxDisconnected(), "pulse.bluesky.max-disconnected");
    }

}
