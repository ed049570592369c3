import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The benchmark's fast X stream: after {@code GET /arm} the next stream connection gets LINES post-like JSON
 * lines (~1 KB, unique ids, CRLF framing) as fast as the client reads, then the connection ends; any other
 * connection gets a 200 and keep-alives only, so a client that reconnects does not get the posts twice.
 *   java bench/XStreamServer.java PORT LINES
 *   java bench/XStreamServer.java --dump FILE LINES   the same LINES posts, one a line (LF), for ProducerPerformance
 */
public class XStreamServer {

    static final AtomicLong ids = new AtomicLong(1_990_000_000_000_000_000L);
    static volatile boolean armed;

    public static void main(String[] args) throws IOException {
        if (args[0].equals("--dump")) {
            dump(Path.of(args[1]), Integer.parseInt(args[2]));
            return;
        }
        int port = Integer.parseInt(args[0]);
        int lines = Integer.parseInt(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/arm", exchange -> {
            armed = true;
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/", exchange -> stream(exchange, lines));
        server.start();
        System.out.println("fast X stream on 127.0.0.1:" + port + ", " + lines + " lines per armed connection");
    }

    static void stream(HttpExchange exchange, int lines) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            boolean serve = armed;
            armed = false;
            if (!serve) {
                while (true) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(10_000);
                }
            }
            byte[] buffer = new byte[64 * 1024];
            int used = 0;
            for (int i = 0; i < lines; i++) {
                byte[] line = (post(ids.incrementAndGet(), i) + "\r\n").getBytes(StandardCharsets.UTF_8);
                if (used + line.length > buffer.length) {
                    out.write(buffer, 0, used);
                    used = 0;
                }
                System.arraycopy(line, 0, buffer, used, line.length);
                used += line.length;
            }
            out.write(buffer, 0, used);
        } catch (IOException | InterruptedException e) {
            // client went away
        }
    }

    static final String FILLER = "Lorem ipsum dolor sit amet, benchmark post text ".repeat(16);

    /** The I-th post of a stream, without its line end. */
    static String post(long id, int i) {
        return "{\"data\":{\"id\":\"" + id + "\",\"author_id\":\"" + (900000 + i % 1000)
                + "\",\"created_at\":\"2026-11-25T06:00:00.000Z\",\"lang\":\"en\",\"text\":\"Post " + i + ": "
                + FILLER + "\",\"edit_history_tweet_ids\":[\"" + id + "\"]}}";
    }

    /** The posts an armed connection gets first, as a payload file: the line ends are LF (ProducerPerformance splits
     * on it), so each record is the post alone. */
    static void dump(Path file, int lines) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                out.write(post(ids.incrementAndGet(), i));
                out.write('\n');
            }
        }
    }
}
