package dev.pulse.bluesky;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * A local Jetstream: a WebSocket {@code /subscribe} that sends a fixed timeline of synthetic events (event i has
 * {@code time_us = base + i * STEP}, each new timeline later than the last), from the first event at or after
 * {@code cursor}, else from the start, at a set pace. Each connection can be scripted: cut after n events, go silent
 * (and stop answering pings) after n, send bad frames first, or refuse the upgrade. It records every connection's
 * query and what it sent.
 */
public final class FakeJetstream {

    static final long BASE = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z
    /** One event a millisecond of {@code time_us}. */
    static final long STEP = 1_000;

    /** The events of one {@link #reset}: their DIDs carry {@code epoch}. */
    public record Timeline(String epoch, long base, long total) {

        public long timeUs(long i) {
            return base + i * STEP;
        }

        /** Event i: a post create, keyed {@code at://did:plc:<epoch>-<i%50>/app.bsky.feed.post/r<i>}. */
        public String event(long i) {
            String did = "did:plc:" + epoch + "-" + (i % 50);
            return "{\"did\":\"" + did + "\",\"time_us\":" + timeUs(i) + ",\"kind\":\"commit\",\"commit\":{\"rev\":"
                    + "\"rev" + i + "\",\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"r" + i
                    + "\",\"record\":{\"$type\":\"app.bsky.feed.post\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"text\":"
                    + "\"post " + i + " of " + epoch + "\"},\"cid\":\"bafy" + epoch + i + "\"}}";
        }

        public String key(long i) {
            return "at://did:plc:" + epoch + "-" + (i % 50) + "/app.bsky.feed.post/r" + i;
        }

        /** The index of an event of this timeline from its key, or -1. */
        public long index(String key) {
            String prefix = "at://did:plc:" + epoch + "-";
            int r = key.lastIndexOf("/r");
            return key.startsWith(prefix) && r > 0 ? Long.parseLong(key.substring(r + 2)) : -1;
        }

        long first(long cursor) {
            return cursor <= base ? 0 : (cursor - base + STEP - 1) / STEP;
        }
    }

    /** What one connection does, in order of the connections. */
    public static final class Script {
        long cutAfter = -1;
        long stallAfter = -1;
        boolean badFrames;
        int refuse;

        /** Closes the connection after sending n events. */
        public Script cutAfter(long n) {
            cutAfter = n;
            return this;
        }

        /** After n events nothing more passes, either way (no pong either), until the pipe is cut 2 s later. */
        public Script stallAfter(long n) {
            stallAfter = n;
            return this;
        }

        /** First a binary frame, a text that is not JSON, an oversized text and JSON that is not an event. */
        public Script badFrames() {
            badFrames = true;
            return this;
        }

        /** Refuses the WebSocket upgrade with this HTTP status. */
        public Script refuse(int status) {
            refuse = status;
            return this;
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final ConcurrentLinkedQueue<Script> scripts = new ConcurrentLinkedQueue<>();
    private final List<Map<String, List<String>>> connections = new CopyOnWriteArrayList<>();
    private final Map<ServerWebSocket, Boolean> open = new ConcurrentHashMap<>();
    private final AtomicLong highestSent = new AtomicLong(-1);
    private final AtomicInteger oversizedBytes = new AtomicInteger(4096);
    private final AtomicInteger rounds = new AtomicInteger();
    private volatile Timeline timeline = new Timeline("e0", BASE, 0);
    private volatile double rate;
    /** The proxy's pipes by the local port of their connection to the server: a stall black-holes one. */
    private final Map<Integer, NetSocket[]> pipes = new ConcurrentHashMap<>();
    private HttpServer server;

    /**
     * Starts listening; returns the port clients use: a TCP proxy in front of the WebSocket server, so that a stall
     * can silence a connection entirely (a WebSocket server answers pings by itself).
     */
    public int start() {
        server = vertx.createHttpServer().webSocketHandler(this::connected).requestHandler(request -> {
            System.err.println("FakeJetstream: not a WebSocket upgrade: " + request.method() + " " + request.uri() + " "
                    + request.headers().entries());
            request.response().setStatusCode(400).end("not a WebSocket upgrade");
        });
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS)
                .join()
                .actualPort();
        NetClient client = vertx.createNetClient();
        NetServer proxy = vertx.createNetServer().connectHandler(front -> {
            front.pause();
            client.connect(port, "127.0.0.1").onSuccess(back -> {
                pipes.put(back.localAddress().port(), new NetSocket[] { front, back });
                front.handler(back::write).closeHandler(v -> back.close()).resume();
                back.handler(front::write).closeHandler(v -> {
                    front.close();
                    pipes.remove(back.localAddress().port());
                });
            }).onFailure(e -> front.close());
        });
        return proxy.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join()
                .actualPort();
    }

    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /**
     * A new timeline: {@code total} events whose DIDs carry {@code epoch}, sent at {@code rate} a second (0 = as
     * fast as the client reads); scripts for the next connections.
     */
    public Timeline reset(String epoch, long total, double rate, Script... next) {
        // each timeline starts ~3 h after the last: a cursor into an older one sends the new one from its start
        timeline = new Timeline(epoch, BASE + rounds.incrementAndGet() * 10_000_000_000L, total);
        this.rate = rate;
        scripts.clear();
        scripts.addAll(List.of(next));
        connections.clear();
        highestSent.set(-1);
        return timeline;
    }

    public Timeline timeline() {
        return timeline;
    }

    /** Closes every open connection as if the server went away. */
    public void dropAll() {
        open.keySet().forEach(ws -> ws.close((short) 1012, "restart"));
    }

    public List<Map<String, List<String>>> connections() {
        return List.copyOf(connections);
    }

    public int openConnections() {
        return (int) open.keySet().stream().filter(ws -> !ws.isClosed()).count();
    }

    /** How many events of the timeline were sent at least once: events 0 … n-1. */
    public long sent() {
        return highestSent.get() + 1;
    }

    /** Limit of the oversized frame sent by {@link Script#badFrames()}: one byte more than this. */
    public void oversizedOver(int bytes) {
        oversizedBytes.set(bytes);
    }

    private void connected(ServerWebSocket ws) {
        Map<String, List<String>> query = new ConcurrentHashMap<>();
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        if (ws.query() != null) {
            for (String pair : ws.query().split("&")) {
                int eq = pair.indexOf('=');
                params.add(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        params.names().forEach(name -> query.put(name, params.getAll(name)));
        query.put("path", List.of(ws.path()));
        connections.add(query);
        Script polled = scripts.poll();
        Script script = polled == null ? new Script() : polled;
        if (script.refuse > 0) {
            ws.reject(script.refuse);
            return;
        }
        open.put(ws, Boolean.TRUE);
        ws.closeHandler(v -> open.remove(ws));
        ws.exceptionHandler(e -> open.remove(ws));
        long cursor = params.contains("cursor") ? Long.parseLong(params.get("cursor")) : 0;
        long first = timeline.first(cursor);
        // after the handler returns, when Vert.x has completed the handshake: nothing is written before the 101
        vertx.runOnContext(v -> {
            if (script.badFrames) {
                ws.writeBinaryMessage(Buffer.buffer(new byte[] { 1, 2, 3 }));
                ws.writeTextMessage("this is not JSON");
                ws.writeTextMessage("{\"pad\":\"" + "x".repeat(oversizedBytes.get()) + "\"}");
                ws.writeTextMessage("{\"kind\":\"commit\",\"no\":\"did\"}");
            }
            new Sender(ws, script, first).next();
        });
    }

    /** Nothing passes the connection's pipe any more, either way; after 2 s it is cut, as a dead peer's would be. */
    private void blackHole(ServerWebSocket ws) {
        NetSocket[] pipe = pipes.get(ws.remoteAddress().port());
        if (pipe == null) {
            return;
        }
        for (NetSocket socket : pipe) {
            socket.handler(bytes -> {
            });
        }
        vertx.setTimer(2000, id -> {
            pipe[0].close();
            pipe[1].close();
        });
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Sends the timeline to one connection at the pace set, never faster than it drains. */
    private final class Sender {
        private final ServerWebSocket ws;
        private final Script script;
        private final Timeline timeline = FakeJetstream.this.timeline;
        /** Where this connection started in the timeline, and the next event it sends. */
        private final long first;
        private long i;

        Sender(ServerWebSocket ws, Script script, long first) {
            this.ws = ws;
            this.script = script;
            this.first = first;
            this.i = first;
        }

        void next() {
            if (ws.isClosed()) {
                return;
            }
            int burst = rate <= 0 ? 256 : (int) Math.max(1, rate / 100);
            for (int n = 0; n < burst && i < timeline.total(); n++) {
                long sentHere = i - first;
                if (sentHere == script.cutAfter) {
                    ws.close((short) 1011, "cut");
                    return;
                }
                if (sentHere == script.stallAfter) {
                    blackHole(ws);
                    return;
                }
                ws.writeTextMessage(timeline.event(i));
                highestSent.accumulateAndGet(i, Math::max);
                i++;
            }
            if (i >= timeline.total()) {
                return; // the timeline is done: the connection stays open and answers pings
            }
            if (ws.writeQueueFull()) {
                ws.drainHandler(v -> next());
            } else {
                vertx.setTimer(rate <= 0 ? 1 : 10, id -> next());
            }
        }
    }
}
