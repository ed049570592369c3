package dev.pulse.bluesky;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.source.UserAgent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
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
        for (String did : config.dids().orElse(List.of())) {
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

    /**
     * One connection's messages; fails when it ends, completes when {@link #disconnect()} or stop closed it. The frames
     * go through an unbounded {@link UnicastProcessor}: the socket is asked for as many frames as records were asked
     * for, but a few may arrive unasked (right after the handshake), and those must wait, never be dropped.
     */
    Multi<JetstreamFrame> connect(String url, BooleanSupplier stopped) {
        return Multi.createFrom().deferred(() -> {
            UnicastProcessor<JetstreamFrame> frames = UnicastProcessor.create();
            Connection connection = new Connection(frames, stopped);
            WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(url)
                    .putHeader("User-Agent", userAgent).setTimeout(config.stallTimeout().toMillis());
            // Handlers before connecting, and the connect itself on an event loop: the handshake's future then
            // completes on the thread that reads the socket, so the handlers are in place before the frames that came
            // with the 101 are read. Connected from another thread, the future completed on another event loop and
            // the first frames of a connection could meet no handler (the native pass lost a run's first 6 events).
            vertx.getOrCreateContext().runOnContext(ignored -> {
                ClientWebSocket socket = connection.attach(client().webSocket());
                socket.connect(options).onComplete(result -> {
                    if (result.succeeded()) {
                        connection.opened();
                    } else {
                        connection.fail(new BlueskyException(describe(url, result.cause())));
                    }
                });
            });
            return frames.onRequest().invoke(connection::fetch).onTermination().invoke(connection::close);
        });
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

    /** One WebSocket feeding one processor. */
    private final class Connection {

        private final UnicastProcessor<JetstreamFrame> frames;
        private final BooleanSupplier stopped;
        /** Records asked for and not yet delivered: none means the channel is busy, so silence is no stall. */
        private final AtomicLong wanted = new AtomicLong();
        private volatile boolean done;
        private volatile WebSocket socket;
        /** Whether the socket is connected: before, a ClientWebSocket refuses pause, fetch and close. */
        private volatile boolean connected;
        /** Records asked for and not yet handed to the socket as frames to read. */
        private final AtomicLong unread = new AtomicLong();
        private volatile long lastHeard = System.nanoTime();
        private long watchdog = -1;
        private Buffer partial;
        private boolean partialText;

        Connection(UnicastProcessor<JetstreamFrame> frames, BooleanSupplier stopped) {
            this.frames = frames;
            this.stopped = stopped;
        }

        synchronized void fail(Throwable failure) {
            if (!done) {
                done = true;
                frames.onError(failure);
            }
        }

        synchronized void complete() {
            if (!done) {
                done = true;
                frames.onComplete();
            }
        }

        private synchronized void deliver(JetstreamFrame frame) {
            if (!done) {
                wanted.decrementAndGet();
                frames.onNext(frame);
            }
        }

        /** Sets the handlers on a socket that is not connected yet. */
        ClientWebSocket attach(ClientWebSocket ws) {
            socket = ws;
            ws.frameHandler(this::frame);
            ws.exceptionHandler(failure -> fail(new BlueskyException("connection failed: " + failure)));
            ws.closeHandler(ignored -> {
                if (stopped.getAsBoolean()) {
                    complete();
                } else {
                    fail(new BlueskyException("Jetstream closed the connection"
                            + (ws.closeStatusCode() == null ? ""
                                    : " (" + ws.closeStatusCode()
                                            + (ws.closeReason() == null ? "" : " " + ws.closeReason()) + ")")));
                }
            });
            return ws;
        }

        /** The socket is connected: from now on it is read as records are asked for. */
        void opened() {
            WebSocket ws = socket;
            open.set(ws);
            connected = true;
            if (stopped.getAsBoolean() || done) {
                close();
                complete();
                return;
            }
            ws.pause();
            long tick = Math.max(50, config.stallTimeout().toMillis() / 4);
            watchdog = vertx.setPeriodic(tick, id -> check());
            fetch(0);
        }

        /**
         * Adds {@code n} records asked for and reads that many frames more once connected. Requests may come on any
         * thread, before or while the connection opens: they are added up here and handed to the socket by whichever
         * call comes last, each exactly once.
         */
        void fetch(long n) {
            if (n > 0) {
                unread.addAndGet(n);
                wanted.addAndGet(n);
            }
            WebSocket ws = socket;
            if (ws != null && connected) {
                long wanted = unread.getAndSet(0);
                if (wanted > 0) {
                    ws.fetch(wanted);
                }
            }
        }

        void close() {
            if (watchdog >= 0) {
                vertx.cancelTimer(watchdog);
            }
            WebSocket ws = socket;
            if (ws != null && connected) {
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
                deliver(new JetstreamFrame(JetstreamFrame.Type.BINARY, null, data.length()));
            } else if (data.length() > limit()) {
                deliver(new JetstreamFrame(JetstreamFrame.Type.OVERSIZED, null, data.length()));
            } else {
                deliver(JetstreamFrame.text(data.getBytes()));
            }
        }

        private void check() {
            WebSocket ws = socket;
            if (ws == null || !connected || ws.isClosed()) {
                return;
            }
            if (wanted.get() <= 0) {
                lastHeard = System.nanoTime(); // the channel is busy: nothing is read, so nothing can be heard
                return;
            }
            long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeard);
            if (silentMs > config.stallTimeout().toMillis()) {
                fail(new BlueskyException("stalled: no frame and no pong for " + silentMs
                        + " ms (pulse.bluesky.stall-timeout)"));
                return;
            }
            ws.writePing(Buffer.buffer("pulse"));
        }
    }
}
