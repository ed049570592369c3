package dev.pulse.source;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;

import org.jboss.logging.Logger;

import dev.pulse.owner.OwnedSource;
import dev.pulse.owner.SourceId;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A live stream's publisher as a singleton source: its sessions run one at a time, and a start names a mode (the
 * {@code mode} parameter, else the configured one). Each publisher says what its modes are, how a session connects
 * and what it does before; the settings every stream has, the back-off between connections, the counters and the
 * capture a replay reads are kept here, once for every source.
 *
 * @param <M> its modes
 * @param <T> its status
 * @param <C> its settings
 * @param <A> its counters
 */
public abstract class StreamPublisher<M extends SourceMode, T, C extends StreamConfig, A extends SourceStats>
        implements LiveSource, OwnedSource<T> {

    /** How long a handover waits for what a stopped session received to be acknowledged by Kafka. */
    private static final Duration DRAIN = Duration.ofSeconds(10);

    /** Named for the publisher's own class, which logs through it too. */
    protected final Logger log = Logger.getLogger(getClass());
    protected final Sessions<Session> sessions = new Sessions<>();
    protected final C config;
    protected final A stats;
    /** What a replay reads. */
    protected final CaptureFile capture;
    /** The keys its live sessions published last, to drop what the source sends again. */
    protected final RecentKeys recent;
    private final SourceId id;
    private final String topic;
    private final PostSummarizer summarizer;
    private final Backoff backoff;

    /**
     * @param topic the topic its channel writes
     * @param summarizer how the console shows its posts
     * @param backoff the waits between a live session's connections
     */
    protected StreamPublisher(SourceId id, String topic, PostSummarizer summarizer, C config, A stats,
            Backoff backoff) {
        this.id = id;
        this.topic = topic;
        this.summarizer = summarizer;
        // unset, the synthetic capture bundled as bundledReplay
        this.capture = new CaptureFile(config.replay().file(), bundledReplay(id.name()),
                "pulse." + id.name() + ".replay.file");
        this.recent = new RecentKeys(config.dedupWindow());
        this.config = config;
        this.stats = stats;
        this.backoff = backoff;
    }

    /** The class-path resource of the synthetic capture of source {@code name}. */
    public static String bundledReplay(String name) {
        return name + "/replay-sample.ndjson";
    }

    /** The mode {@code params} ask for; an {@link IllegalArgumentException} when it cannot run. */
    protected abstract M mode(Map<String, String> params);

    /** The mode start-up runs, if any. */
    protected abstract Optional<M> configured();

    /** A new session in {@code mode}. */
    protected abstract Session session(M mode);

    /**
     * What a new session in {@code mode} needs before it connects (the topic's tail, X's rules); its failure fails the
     * session, with the failure's message. {@code takeover}: this replica has just come to own the source (or starts it
     * for the first time), so what the source last published is only in its topic. Nothing, unless overridden.
     */
    protected Uni<Void> prepare(M mode, boolean takeover) {
        return Uni.createFrom().voidItem();
    }

    /** Begins a session in {@code mode}, none being busy, and lets it into the channel once prepared; its status. */
    private T begin(M mode, boolean takeover) {
        Session session = session(mode);
        sessions.begin(session);
        // deferred: a preparation that throws fails the session too, instead of leaving it begun for good
        Uni.createFrom().deferred(() -> prepare(mode, takeover)).subscribe().with(ok -> sessions.queue(session),
                failure -> {
                    log.errorf("%s not started: %s", session.name(), failure.getMessage());
                    session.failBeforeStart(failure.getMessage());
                });
        return status();
    }

    @Override
    public final SourceId id() {
        return id;
    }

    /** {@code <name>/stream}. */
    @Override
    public final String path() {
        return id.name() + "/stream";
    }

    @Override
    public final String topic() {
        return topic;
    }

    @Override
    public final PostSummarizer summarizer() {
        return summarizer;
    }

    /** The current session's mode, else the configured one ({@code off} when none is). */
    @Override
    public final String mode() {
        Session session = sessions.current();
        return session != null ? session.mode() : configured().map(SourceMode::label).orElse("off");
    }

    @Override
    public final Optional<String> problem() {
        return sessions.problem(config.maxDisconnected(), "pulse." + id.name() + ".max-disconnected");
    }

    @Override
    public boolean active() {
        return sessions.busy();
    }

    @Override
    public void check(Map<String, String> params) {
        mode(params);
    }

    /** Starts a session in the mode {@code params} ask for; empty when one is running. */
    @Override
    public synchronized Optional<T> start(Map<String, String> params, boolean takeover) {
        return sessions.busy() ? Optional.empty() : Optional.of(begin(mode(params), takeover));
    }

    /** The configured mode's session, unless it is off: at start-up or on a takeover. */
    @Override
    public synchronized void startConfigured() {
        configured().filter(mode -> !sessions.busy()).ifPresent(mode -> begin(mode, true));
    }

    @Override
    public void release() {
        sessions.stopAndDrain(DRAIN);
    }

    @Override
    public synchronized T stop() {
        sessions.stop();
        return status();
    }

    @Override
    public String state() {
        return sessions.state();
    }

    @PreDestroy
    void close() {
        sessions.stop();
    }

    /**
     * A session of this publisher: a failed connection counts as a reconnect and waits out the publisher's back-off,
     * which a working connection resets; a replay reads the capture at {@code pulse.<name>.replay.rate}.
     */
    protected abstract class Session extends SourceSession {

        protected final M mode;

        protected Session(String name, M mode) {
            super(name, mode.label(), mode.live());
            this.mode = mode;
        }

        /** The capture's lines (ended by CRLF, or also by a lone LF when {@code lf}), paced, until stopped. */
        protected final Multi<List<StreamLine>> capturedLines(int maxLineBytes, boolean lf) {
            return LineFramer.paced(capture.chunks(), maxLineBytes, lf, config.replay().rate(), this::stopped);
        }

        @Override
        protected void onConnected() {
            backoff.reset();
            stats.backingOff(Duration.ZERO);
        }

        @Override
        protected Uni<Long> backOff(Throwable failure) {
            stats.reconnect(failure);
            return waitOut(failure);
        }

        /** Waits out the back-off after {@code failure}, which is already counted. */
        protected final Uni<Long> waitOut(Throwable failure) {
            Duration wait = backoff.next(failure);
            stats.backingOff(wait);
            log.warnf("%s: %s; reconnecting in %d ms", name(), failure.getMessage(), wait.toMillis());
            return waitOrStop(wait);
        }

        @Override
        protected void onEnded() {
            stats.backingOff(Duration.ZERO);
        }

        @Override
        protected void onCompleted() {
            log.infof("%s completed: %d %s published", name(), stats.published.get(), stats.noun());
        }
    }
}
