package dev.pulse.bluesky;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.source.UserAgent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;

/**
 * Jetstream's wire: a WebSocket {@code GET /subscribe} with {@code wantedCollections}, {@code wantedDids},
 * {@code cursor} and {@code maxMessageSizeBytes}, each text message one JSON event. Read with the Vert.x WebSocket
 * client with back-pressure: a frame is read from the socket only when the channel asked for more records. A ping goes
 * out every quarter of the stall timeout; no frame and no pong for the whole of it (while records are wanted) ends the
 * connection.
 */
@ApplicationScoped
class Jetstream {

    /** Vert.x refuses (and disconnects on) larger frames; smaller ones over the configured limit are skipped. */
    private static final int HARD_LIMIT = 16 << 20;

    private final Vertx vertx;
    private final BlueskyConfig config;
    private final String userAgent;
    private final AtomicReference<WebSocket> open = new AtomicReference<>();
    private volatile WebSocketClient client;

    Jetstream(Vertx vertx, BlueskyConfig config, UserAgent userAgent) {
        this.vertx = vertx;
        this.config = config;
        this.userAgent = userAgent.value();
    }

    /** The subscription URL for {@code base} from {@code cursor} (unix µs; 0 = live, no cursor). */
    String url(URI base, long cursor) {
        StringBuilder url = new StringBuilder(base.toString());
        char sep = base.getRawQuery() == null ? '?' : '&';
        for (String collection : config.collections()) {
            url.append(sep).append("wantedCollections=").append(encode(collection));
            sep = '&';
        }
        for (String did : config.dids().orElse(java.util.List.of())) {
            url.append(sep).append("wantedDids=").append(encode(did));
            sep = '&';
        }
        if (cursor > 0) {
            url.append(sep).append("cursor=").append(cursor);
            sep = '&';
        }
        url.append(sep).append("maxMessageSizeBytes=").append(limit());
        return url.toString();
    }

    /** One connection's messages; fails when it ends, completes when {@link #disconnect()} or stop closed it. */
    Multi<JetstreamFrame> connect(String url, java.util.function.BooleanSupplier stopped) {
        return Multi.createFrom().<JetstreamFrame> emitter(emitter -> {
            Connection connection = new Connection(emitter, stopped);
            emitter.onRequest(connection::fetch);
            emitter.onTermination(connection::close);
            WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(url)
                    .putHeader("User-Agent", userAgent).setTimeout(config.stallTimeout().toMillis());
            client().connect(options).onComplete(result -> {
                if (result.succeeded()) {
                    connection.opened(result.result());
                } else {
                    emitter.fail(new BlueskyException(describe(url, result.cause())));
                }
            });
        }, BackPressureStrategy.BUFFER);
    }

    /** Closes the open connection, if any: its stream completes. */
    void disconnect() {
        WebSocket socket = open.getAndSet(null);
        if (socket != null && !socket.isClosed()) {
            socket.close((short) 1000, "stopped");
        }
    }

    @PreDestroy
    void close() {
        disconnect();
        WebSocketClient current = client;
        if (current != null) {
            current.close();
        }
    }

    private WebSocketClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    int max = (int) Math.max(HARD_LIMIT, Math.min(Integer.MAX_VALUE, 2 * limit()));
                    client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(max)
                            .setMaxMessageSize(max).setConnectTimeout((int) config.stallTimeout().toMillis()));
                }
            }
        }
        return client;
    }

    private long limit() {
        return config.maxMessageBytes().asLongValue();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String describe(String url, Throwable failure) {
        String where = url.substring(0, url.indexOf('?') < 0 ? url.length() : url.indexOf('?'));
        if (failure instanceof UpgradeRejectedException rejected) {
            String body = rejected.getBody() == null ? "" : rejected.getBody().toString().strip();
            return where + " refused the subscription: HTTP " + rejected.getStatus()
                    + (body.isEmpty() ? "" : " " + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
        }
        return where + ": " + failure;
    }

    /** One open WebSocket feeding one emitter. */
    private final class Connection {

        private final MultiEmitter<? super JetstreamFrame> emitter;
        private final java.util.function.BooleanSupplier stopped;
        private volatile WebSocket socket;
        private volatile long lastHeard = System.nanoTime();
        private long watchdog = -1;
        private Buffer partial;
        private boolean partialText;

        Connection(MultiEmitter<? super JetstreamFrame> emitter, java.util.function.BooleanSupplier stopped) {
            this.emitter = emitter;
            this.stopped = stopped;
        }

        void opened(WebSocket ws) {
            socket = ws;
            open.set(ws);
            if (stopped.getAsBoolean() || emitter.isCancelled()) {
                close();
                emitter.complete();
                return;
            }
            ws.pause();
            ws.frameHandler(this::frame);
            ws.exceptionHandler(failure -> emitter.fail(new BlueskyException("connection failed: " + failure)));
            ws.closeHandler(ignored -> {
                if (stopped.getAsBoolean()) {
                    emitter.complete();
                } else {
                    emitter.fail(new BlueskyException("Jetstream closed the connection"
                            + (ws.closeStatusCode() == null ? "" : " (" + ws.closeStatusCode()
                                    + (ws.closeReason() == null ? "" : " " + ws.closeReason()) + ")")));
                }
            });
            long tick = Math.max(50, config.stallTimeout().toMillis() / 4);
            watchdog = vertx.setPeriodic(tick, id -> check());
            long wanted = emitter.requested();
            if (wanted > 0) {
                ws.fetch(wanted);
            }
        }

        void fetch(long n) {
            WebSocket ws = socket;
            if (ws != null) {
                ws.fetch(n);
            }
        }

        void close() {
            if (watchdog >= 0) {
                vertx.cancelTimer(watchdog);
            }
            WebSocket ws = socket;
            if (ws != null) {
                open.compareAndSet(ws, null);
                if (!ws.isClosed()) {
                    ws.close();
                }
            }
        }

        private void frame(WebSocketFrame frame) {
            lastHeard = System.nanoTime();
            switch (frame.type()) {
                case TEXT, BINARY -> {
                    partial = null;
                    partialText = frame.isText();
                    if (frame.isFinal()) {
                        emit(frame.binaryData());
                    } else {
                        partial = frame.binaryData().copy();
                        socket.fetch(1);
                    }
                }
                case CONTINUATION -> {
                    if (partial == null) {
                        socket.fetch(1);
                        return;
                    }
                    if (partial.length() <= limit()) {
                        partial.appendBuffer(frame.binaryData());
                    } else {
                        partial = Buffer.buffer().appendLong(partial.length() + (long) frame.binaryData().length());
                    }
                    if (frame.isFinal()) {
                        Buffer whole = partial;
                        partial = null;
                        emit(whole);
                    } else {
                        socket.fetch(1);
                    }
                }
                default -> {
                    // ping, pong, close: they count as heard; Vert.x answers pings and asks for the next frame itself
                }
            }
        }

        private void emit(Buffer data) {
            if (!partialText) {
                emitter.emit(new JetstreamFrame(JetstreamFrame.Type.BINARY, null, data.length()));
            } else if (data.length() > limit()) {
                emitter.emit(new JetstreamFrame(JetstreamFrame.Type.OVERSIZED, null, data.length()));
            } else {
                emitter.emit(JetstreamFrame.text(data.getBytes()));
            }
        }

        private void check() {
            WebSocket ws = socket;
            if (ws == null || ws.isClosed()) {
                return;
            }
            if (emitter.requested() == 0) {
                lastHeard = System.nanoTime(); // the channel is busy: nothing is read, so nothing can be heard
                return;
            }
            long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeard);
            if (silentMs > config.stallTimeout().toMillis()) {
                emitter.fail(new BlueskyException("stalled: no frame and no pong for " + silentMs
                        + " ms (pulse.bluesky.stall-timeout)"));
                return;
            }
            ws.writePing(Buffer.buffer("pulse"));
        }
    }
}
