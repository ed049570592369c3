package dev.pulse.failover;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * X's streaming API as far as the replicas test needs it: every connection gets a post every 5 ms until the client
 * goes away, and the stand-in counts the connections open at once (X allows one).
 */
final class XStandIn implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong(1_990_000_000_000_000_000L);

    private XStandIn(HttpServer server) {
        this.server = server;
    }

    static XStandIn start() throws IOException {
        XStandIn standIn = new XStandIn(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16));
        standIn.server.setExecutor(standIn.threads);
        standIn.server.createContext("/", standIn::stream);
        standIn.server.start();
        return standIn;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Stream connections open now. */
    int open() {
        return open.get();
    }

    /** The most stream connections ever open at once. */
    int mostOpen() {
        return mostOpen.get();
    }

    /** Stream connections made so far. */
    int connections() {
        return connections.get();
    }

    private void stream(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().endsWith("/stream")) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        connections.incrementAndGet();
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            while (true) {
                long id = ids.incrementAndGet();
                out.write(("{\"data\":{\"id\":\"" + id + "\",\"text\":\"replicas test post " + id
                        + "\",\"edit_history_tweet_ids\":[\"" + id + "\"]}}\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(5);
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.decrementAndGet();
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
