import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end latency through Pulse: POST /messages at RATE records/s for SECONDS, each record carrying its send time
 * (microseconds on this process's monotonic clock, the time it was due: a late send counts too), over 16 keep-alive
 * connections; the console consumer's lines are read from Pulse's log file as they are written (tail -F), and the
 * latency of a record is the time its line appeared minus its send time, both on the same clock (the wall clock can
 * step or slew mid-run). The time from due to the 201 answer (after Kafka's ack) is reported too, to tell the way in
 * from the way out.
 *   java bench/E2eLatency.java http://127.0.0.1:PORT LOGFILE RATE SECONDS WARMUP_SECONDS
 *   → prints "records p50_ms p99_ms errors answer_p50_ms answer_p99_ms" over the SECONDS after the warm-up, which runs
 *   first in the same JVM at the same rate, as in KafkaOpenLoop: this JVM compiles its own code in its first seconds
 *   (p99 18-45 ms over its first 2-3 s with Pulse already warm), and that is not Pulse's latency
 */
public class E2eLatency {

    /** Keep-alive connections the records are spread over (like a client's connection pool). */
    static final int CONNECTIONS = 16;
    static Pattern sent;
    static volatile Process follower;
    static final long BASE = System.nanoTime();

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0] + "/messages");
        String logFile = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        // only this run's records count: a previous run's lines that are still arriving must not
        String run = Long.toString(System.nanoTime(), 36);
        sent = Pattern.compile("\"e2e\":(\\d+),\"run\":\"" + run + "\",\"t\":(\\d+)");
        AtomicInteger errors = new AtomicInteger();
        int warmup = rate * Integer.parseInt(args[4]);
        int total = rate * seconds + warmup;
        // per record, in arrays filled as they come: boxing them into lists made this JVM pause for GC mid-run
        double[] shown = new double[total];   // due → its console line read
        double[] answered = new double[total]; // due → 201 received
        Arrays.fill(shown, Double.NaN);
        Arrays.fill(answered, Double.NaN);
        Thread reader = new Thread(() -> tail(logFile, total, shown));
        reader.start();
        long start = BASE + 100_000_000L;
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int first = c;
            Thread sender = new Thread(() -> {
                try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    for (int i = first; i < total; i += CONNECTIONS) {
                        long due = start + i * 1_000_000_000L / rate;
                        // parkNanos, not Thread.sleep: Java 17 rounds a sleep up to whole milliseconds
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        // the send time is when the record was due: a late send counts against Pulse too
                        long t = micros(due);
                        byte[] body = ("{\"e2e\":" + i + ",\"run\":\"" + run + "\",\"t\":" + t + "}")
                                .getBytes(StandardCharsets.UTF_8);
                        out.write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost()
                                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                        if (readResponse(in) != 201) {
                            errors.incrementAndGet();
                        } else {
                            answered[i] = (System.nanoTime() - due) / 1e6;
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    e.printStackTrace();
                }
            });
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        reader.join(20_000);   // the last lines: a record not shown 20 s after the last send is not counted
        if (follower != null) {
            follower.destroy();
        }
        reader.join();
        double[] e2e = measured(shown, warmup);
        double[] acks = measured(answered, warmup);
        System.out.printf("%d %.2f %.2f %d %.2f %.2f%n", e2e.length, pct(e2e, 0.50), pct(e2e, 0.99),
                errors.get(), pct(acks, 0.50), pct(acks, 0.99));
        System.exit(0);
    }

    /** Reads one HTTP/1.1 response with a Content-Length body; returns its status. */
    static int readResponse(InputStream in) throws IOException {
        String status = line(in);
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return Integer.parseInt(status.split(" ")[1]);
    }

    static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /**
     * Follows the log with {@code tail -F} (inotify: a line is read as soon as it is written, where polling the file
     * added up to a sleep's worth to every record and woke this JVM a thousand times a second) from its current end.
     */
    static void tail(String file, int total, double[] shown) {
        try {
            long end = java.nio.file.Files.size(java.nio.file.Path.of(file));
            follower = new ProcessBuilder("tail", "-c", "+" + (end + 1), "-F", file)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            InputStream in = follower.getInputStream();
            StringBuilder line = new StringBuilder();
            byte[] buffer = new byte[65536];
            int seen = 0;
            while (seen < total) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                long now = micros(System.nanoTime());
                for (int i = 0; i < n; i++) {
                    char c = (char) (buffer[i] & 0xff);
                    if (c != '\n') {
                        line.append(c);
                        continue;
                    }
                    Matcher m = sent.matcher(line);
                    if (m.find()) {
                        seen++;
                        shown[Integer.parseInt(m.group(1))] = (now - Long.parseLong(m.group(2))) / 1000.0;
                    }
                    line.setLength(0);
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    /** Microseconds since this process started measuring. */
    static long micros(long nanoTime) {
        return (nanoTime - BASE) / 1000;
    }

    /** The latencies of the records after the warm-up that have one, sorted. */
    static double[] measured(double[] latencies, int warmup) {
        double[] sorted = Arrays.stream(latencies, warmup, latencies.length).filter(l -> !Double.isNaN(l)).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    static double pct(double[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
