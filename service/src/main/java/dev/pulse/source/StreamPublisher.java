package dev.pulse.source;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;

import dev.pulse.owner.OwnedSource;
import dev.pulse.owner.SourceId;
import io.smallrye.mutiny.Uni;

/**
 * A live stream's publisher as a singleton source: its sessions run one at a time, and a start names a mode (the
 * {@code mode} parameter, else the configured one). Each publisher says what its modes are and how a session starts.
 *
 * @param <S> its sessions
 * @param <M> its modes
 * @param <T> its status
 */
public abstract class StreamPublisher<S extends SourceSession, M extends SourceMode, T> implements LiveSource, OwnedSource<T> {

    /** How long a handover waits for what a stopped session received to be acknowledged by Kafka. */
    private static final Duration DRAIN = Duration.ofSeconds(10);

    protected final Sessions<S> sessions = new Sessions<>();
    /** What a replay reads. */
    protected final CaptureFile capture;
    /** The keys its live sessions published last, to drop what the source sends again. */
    protected final RecentKeys recent;
    private final SourceId id;
    private final String topic;
    private final PostSummarizer summarizer;
    private final Duration maxDisconnected;

    /**
     * @param topic the topic its channel writes
     * @param summarizer how the console shows its posts
     * @param replayFile the capture a replay reads ({@code pulse.<name>.replay.file}); unset, the synthetic one
     *        bundled as {@link #bundledReplay}
     * @param dedupWindow how many keys {@link #recent} holds
     * @param maxDisconnected how long a live session may stay without a working connection before the source is
     *        unwell ({@code pulse.<name>.max-disconnected})
     */
    protected StreamPublisher(SourceId id, String topic, PostSummarizer summarizer, Optional<String> replayFile,
            int dedupWindow, Duration maxDisconnected) {
        this.id = id;
        this.topic = topic;
        this.summarizer = summarizer;
        this.capture = new CaptureFile(replayFile, bundledReplay(id.name()), "pulse." + id.name() + ".replay.file");
        this.recent = new RecentKeys(dedupWindow);
        this.maxDisconnected = maxDisconnected;
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
    protected abstract S session(M mode);

    /**
     * What a new session needs before it connects (the topic's tail, X's rules); its failure fails the session, with
     * the failure's message. {@code takeover}: this replica has just come to own the source (or starts it for the
     * first time), so what the source last published is only in its topic. Nothing, unless overridden.
     */
    protected Uni<Void> prepare(S session, boolean takeover) {
        return Uni.createFrom().voidItem();
    }

    /** Begins a session in {@code mode}, none being busy, and lets it into the channel once prepared; its status. */
    private T begin(M mode, boolean takeover) {
        S session = session(mode);
        sessions.begin(session);
        // deferred: a preparation that throws fails the session too, instead of leaving it begun for good
        Uni.createFrom().deferred(() -> prepare(session, takeover)).subscribe().with(ok -> sessions.queue(session),
                failure -> session.failBeforeStart(failure.getMessage()));
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
        S session = sessions.current();
        return session != null ? session.mode() : configured().map(SourceMode::label).orElse("off");
    }

    @Override
    public final Optional<String> problem() {
        return sessions.problem(maxDisconnected, "pulse." + id.name() + ".max-disconnected");
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
}
