package dev.pulse.failover;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;

/**
 * Bluesky's Jetstream as far as the replicas test needs it: from the first connection on, one post-create event per
 * millisecond is published, {@code time_us} one millisecond apart, until {@code events} are out. A connection gets
 * the published events from its {@code cursor} on (all of them without one: the first connection's run starts with
 * it), then the new ones as they come. It counts the connections open at once.
 */
final class JetstreamStandIn implements AutoCloseable {

    static final long FIRST_US = 1_767_225_600_000_000L;

    private final Vertx vertx = Vertx.vertx();
    private final int events;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile long startedAt;
    private HttpServer server;

    private JetstreamStandIn(int events) {
        this.events = events;
    }

    static JetstreamStandIn start(int events) throws Exception {
        JetstreamStandIn standIn = new JetstreamStandIn(events);
        standIn.server = standIn.vertx.createHttpServer().webSocketHandler(standIn::connected)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return standIn;
    }

    String url() {
        return "ws://127.0.0.1:" + server.actualPort() + "/subscribe";
    }

    /** Events published so far. */
    synchronized int published() {
        return startedAt == 0 ? 0 : (int) Math.min(events, (System.nanoTime() - startedAt) / 1_000_000);
    }

    /** Whether every event is out. */
    boolean done() {
        return published() == events;
    }

    int connections() {
        return connections.get();
    }

    private void connected(ServerWebSocket ws) {
        synchronized (this) {
            if (startedAt == 0) {
                startedAt = System.nanoTime();
            }
        }
        connections.incrementAndGet();
        open.incrementAndGet();
        String cursor = ws.query() == null ? null
                : Arrays.stream(ws.query().split("&")).filter(p -> p.startsWith("cursor=")).findFirst()
                        .map(p -> p.substring("cursor=".length())).orElse(null);
        long[] next = { cursor == null ? 0 : Math.max(0, (Long.parseLong(cursor) - FIRST_US + 999) / 1000) };
        long timer = vertx.setPeriodic(10, id -> {
            int upTo = published();
            while (next[0] < upTo && !ws.writeQueueFull()) {
                ws.writeTextMessage(event(next[0]++));
            }
        });
        ws.closeHandler(v -> {
            vertx.cancelTimer(timer);
            open.decrementAndGet();
        });
        ws.exceptionHandler(e -> ws.close());
    }

    /** Event {@code i}: its {@code rkey} is {@code e<i>}. */
    static String event(long i) {
        String rkey = "e" + i;
        return "{\"did\":\"did:plc:standin" + (i % 97) + "\",\"time_us\":" + (FIRST_US + i * 1000)
                + ",\"kind\":\"commit\",\"commit\":{\"rev\":\"" + rkey + "\",\"operation\":\"create\","
                + "\"collection\":\"app.bsky.feed.post\",\"rkey\":\"" + rkey + "\",\"record\":{\"$type\":"
                + "\"app.bsky.feed.post\",\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"langs\":[\"en\"],"
                + "\"text\":\"Stand-in post " + i + "\"},\"cid\":\"bafyreistandin" + i + "\"}}";
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
