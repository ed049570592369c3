package dev.pulse.x;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

/**
 * The X stream publisher: X's posts → channel {@code tweets} → topic {@code tweets}. Each start queues an
 * {@link XSession}; a session runs until stopped (live) or to the end of its capture (replay), and only one runs at a
 * time. The stream is read with the Vert.x HTTP client, not the REST client: in Quarkus 3.33 the REST client has no
 * back-pressure and no line framing for a body that is not server-sent events.
 */
@ApplicationScoped
public class XStreamPublisher {

    private static final Logger LOG = Logger.getLogger(XStreamPublisher.class);

    private final UnicastProcessor<XSession> sessions = UnicastProcessor.create();
    private final XConfig config;
    private final XApi api;
    private final ReplaySource replay;
    private final XStats stats;
    private final LineRecorder recorder;
    private final RecentIds recent;
    private final Backoff backoff;
    private final ObjectMapper mapper;
    private final XRules rules;
    private final XConnections connections;
    private volatile XSession current;

    XStreamPublisher(XConfig config, XApi api, ReplaySource replay, XStats stats, LineRecorder recorder,
            ObjectMapper mapper, XRules rules, XConnections connections) {
        this.config = config;
        this.api = api;
        this.replay = replay;
        this.stats = stats;
        this.recorder = recorder;
        this.mapper = mapper;
        this.rules = rules;
        this.connections = connections;
        this.recent = new RecentIds(Math.max(1, config.dedupWindow()));
        this.backoff = new Backoff(config.backoff(), Clock.systemUTC());
    }

    /** The queued sessions' records, one session after the other, for the life of the application. */
    @Outgoing("tweets")
    Multi<Message<byte[]>> posts() {
        return sessions.onItem().transformToMultiAndConcatenate(XSession::run);
    }

    /** The configured mode: {@code pulse.x.stream}, else {@code sample} with a token and {@code off} without. */
    public XMode configuredMode() {
        return config.stream().orElse(api.hasToken() ? XMode.SAMPLE : XMode.OFF);
    }

    void onStart(@Observes StartupEvent event) {
        XMode mode = configuredMode();
        if (mode == XMode.OFF) {
            LOG.info("X stream off: set pulse.x.bearer-token (and pulse.x.stream=sample or filtered) to stream live"
                    + " posts into Kafka, or pulse.x.stream=replay to replay a capture without a token");
            return;
        }
        if (mode.live() && !api.hasToken()) {
            throw new IllegalStateException("pulse.x.stream=" + mode.label()
                    + " needs an X API bearer token: set pulse.x.bearer-token (env PULSE_X_BEARER_TOKEN)");
        }
        LOG.infof("X stream mode %s: %s", mode.label(), mode.access());
        start(mode);
    }

    /** Starts a session in {@code mode}; empty when one is running. */
    public synchronized Optional<XStatus> start(XMode mode) {
        if (current != null && current.active()) {
            return Optional.empty();
        }
        if (mode.live() && !api.hasToken()) {
            throw new IllegalArgumentException("no X API bearer token is configured (pulse.x.bearer-token)");
        }
        if (mode == XMode.OFF) {
            throw new IllegalArgumentException("mode off streams nothing; use sample, filtered or replay");
        }
        recorder.enable(mode.live());
        PostHandler handler = new PostHandler(mapper, mode, recent, stats, recorder);
        current = new XSession(mode, api, replay::chunks, handler, backoff, stats, config, connections);
        if (mode == XMode.FILTERED && !config.rules().isEmpty()) {
            XSession session = current;
            rules.reconcile(config.rules()).subscribe().with(
                    ok -> {
                        synchronized (this) {
                            sessions.onNext(session);
                        }
                    },
                    failure -> {
                        session.failBeforeStart(failure.getMessage());
                        LOG.errorf("X filtered stream not started: %s", failure.getMessage());
                    });
        } else {
            sessions.onNext(current);
        }
        return Optional.of(status());
    }

    public synchronized XStatus stop() {
        if (current != null) {
            current.stop();
        }
        return status();
    }

    public XStatus status() {
        XSession session = current;
        String mode = session == null ? configuredMode().label() : session.mode().label();
        String state = session == null ? "off" : session.state().name().toLowerCase().replace('_', '-');
        Instant retry = session == null ? null : session.nextRetryAt();
        String source = session != null && session.mode() == XMode.REPLAY ? replay.name() : null;
        return new XStatus(mode, state, stats.received.get(), stats.published.get(), stats.malformed.get(),
                stats.duplicates.get(), stats.keepAlives.get(), stats.reconnects.get(),
                session == null ? null : session.lastError(), retry == null ? null : retry.toString(), source);
    }

    /** For readiness: why the stream is unhealthy, or empty. */
    Optional<String> problem() {
        XSession session = current;
        if (session == null) {
            return Optional.empty();
        }
        if (session.state() == XSession.State.FAILED) {
            return Optional.of(session.lastError());
        }
        Instant since = session.disconnectedSince();
        if (session.mode().live() && session.active() && since != null
                && Duration.between(since, Instant.now()).compareTo(config.maxDisconnected()) > 0) {
            return Optional.of("disconnected since " + since + " (longer than pulse.x.max-disconnected)");
        }
        return Optional.empty();
    }

    /** Stops the session before SmallRye closes the channel, which sends the records already in it. */
    void onStop(@Observes ShutdownEvent event) {
        close();
        XSession session = current;
        if (session != null) {
            try {
                session.ended().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf("X stream: the last posts were still being sent at shutdown (%s)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @PreDestroy
    void close() {
        XSession session = current;
        if (session != null) {
            session.stop();
        }
    }
}
