import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

/**
 * The benchmark's fast Jetstream: after {@code GET /arm} the next WebSocket connection gets EVENTS post-create events
 * (~0.5 KB, unique keys, time_us from the clock) as fast as the client reads; then, like any other connection, it is
 * held open with nothing, so a client that reconnects does not get the events twice. Needs vertx-core on the class path.
 *   java -cp TOOLS bench/JetstreamServer.java PORT EVENTS
 *   java -cp TOOLS bench/JetstreamServer.java --dump FILE EVENTS   the same events, one a line, for ProducerPerformance
 */
public class JetstreamServer {

    static final AtomicLong next = new AtomicLong();
    static volatile boolean armed;

    public static void main(String[] args) throws IOException {
        if (args[0].equals("--dump")) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                lines.add(event(next.getAndIncrement(), 1_767_225_600_000_000L + i));
            }
            Files.write(Path.of(args[1]), lines, StandardCharsets.UTF_8);
            return;
        }
        int events = Integer.parseInt(args[1]);
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer()
                .requestHandler(request -> {
                    armed = true;
                    request.response().setStatusCode(204).end();
                })
                .webSocketHandler(ws -> {
                    if (armed) {
                        armed = false;
                        send(ws, events);
                    }
                })
                .listen(Integer.parseInt(args[0]), "127.0.0.1")
                .onSuccess(server -> System.out.println("Jetstream stand-in on port " + server.actualPort()))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    /** Writes events until the socket's queue is full, then waits for it to drain. */
    static void send(ServerWebSocket ws, long left) {
        long n = left;
        while (n > 0 && !ws.writeQueueFull() && !ws.isClosed()) {
            ws.writeTextMessage(event(next.getAndIncrement(), System.currentTimeMillis() * 1000));
            n--;
        }
        if (n > 0 && !ws.isClosed()) {
            long rest = n;
            ws.drainHandler(v -> send(ws, rest));
        }
    }

    static String event(long i, long timeUs) {
        String did = "did:plc:bench" + Long.toString(i % 100_000, 36);
        String rkey = "3m" + Long.toString(i, 32);
        return "{\"did\":\"" + did + "\",\"time_us\":" + timeUs + ",\"kind\":\"commit\",\"commit\":{\"rev\":\"" + rkey
                + "\",\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"" + rkey
                + "\",\"record\":{\"$type\":\"app.bsky.feed.post\",\"createdAt\":\"2026-01-01T00:00:00.000Z\","
                + "\"langs\":[\"en\"],\"text\":\"Benchmark post " + i + ": a few words about Kafka, streams and"
                + " the sky, about as long as an ordinary post on Bluesky.\"},\"cid\":\"bafyreibench" + i + "\"}}";
    }
}
