package dev.pulse.bluesky;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.kafka.TopicsConfig;
import dev.pulse.owner.OwnedSource;
import dev.pulse.source.CaptureFile;
import dev.pulse.source.ExponentialBackoff;
import dev.pulse.source.LiveSource;
import dev.pulse.source.RecentKeys;
import dev.pulse.source.Sessions;
import io.quarkus.runtime.ShutdownEvent;
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
public class BlueskyPublisher implements LiveSource, OwnedSource<BlueskyStatus> {

    static final String MODE = "mode";

    private static final Logger LOG = Logger.getLogger(BlueskyPublisher.class);
    /** The synthetic capture replayed when {@code pulse.bluesky.replay.file} is unset. */
    static final String BUNDLED_REPLAY = "bluesky/replay-sample.ndjson";

    private final Sessions<BlueskySession> sessions = new Sessions<>();
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
    public boolean active() {
        return sessions.busy();
    }

    @Override
    public int partition() {
        return 2;
    }

    @Override
    public void check(Map<String, String> params) {
        mode(params);
    }

    /**
     * Starts a session in {@code params}' {@code mode}, else {@code pulse.bluesky.stream}, else {@code jetstream};
     * empty when one is running. A Jetstream session always resumes from the cursor the topic holds.
     */
    @Override
    public synchronized Optional<BlueskyStatus> start(Map<String, String> params, boolean takeover) {
        return sessions.busy() ? Optional.empty() : start(mode(params));
    }

    /** The configured mode's session, unless it is {@code off}. */
    @Override
    public void startConfigured() {
        if (config.stream() != BlueskyMode.OFF) {
            start(config.stream());
        }
    }

    @Override
    public void release() {
        sessions.stopAndDrain(Duration.ofSeconds(10));
    }

    private BlueskyMode mode(Map<String, String> params) {
        String name = params.get(MODE);
        BlueskyMode mode = name != null ? BlueskyMode.parse(name)
                : config.stream() == BlueskyMode.OFF ? BlueskyMode.JETSTREAM : config.stream();
        if (mode == BlueskyMode.OFF) {
            throw new IllegalArgumentException("mode off streams nothing; use jetstream or replay");
        }
        return mode;
    }

    private synchronized Optional<BlueskyStatus> start(BlueskyMode mode) {
        if (sessions.busy()) {
            return Optional.empty();
        }
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
        return Optional.of(status());
    }

    @Override
    public synchronized BlueskyStatus stop() {
        sessions.stop();
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
    public String state() {
        return sessions.state();
    }

    @Override
    public Optional<String> problem() {
        return sessions.problem(config.maxDisconnected(), "pulse.bluesky.max-disconnected");
    }

    /** Stops the session before SmallRye closes the channel, which sends the records already in it. */
    void onStop(@Observes ShutdownEvent event) {
        sessions.stopAndDrain(Duration.ofSeconds(10));
    }

    @PreDestroy
    void close() {
        sessions.stop();
    }
}
