import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end latency through Pulse: POST /messages at RATE records/s for SECONDS, each record carrying its send time
 * (epoch microseconds); the console consumer's lines are read from Pulse's log file as they are written, and the
 * latency of a record is the time its line appeared minus its send time. The first second is warm-up.
 *   java bench/E2eLatency.java http://127.0.0.1:PORT LOGFILE RATE SECONDS   → prints "records p50_ms p99_ms errors"
 */
public class E2eLatency {

    static Pattern sent;

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0] + "/messages");
        String logFile = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        // only this run's records count: a previous run's lines that are still arriving must not
        String run = Long.toString(System.nanoTime(), 36);
        sent = Pattern.compile("\"e2e\":(\\d+),\"run\":\"" + run + "\",\"t\":(\\d+)");
        HttpClient http = HttpClient.newHttpClient();
        AtomicInteger errors = new AtomicInteger();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        int total = rate * seconds;
        int warmup = rate;
        Thread reader = new Thread(() -> tail(logFile, total, warmup, latencies));
        reader.start();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String body = "{\"e2e\":" + i + ",\"run\":\"" + run + "\",\"t\":" + micros() + "}";
            http.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .thenAccept(r -> { if (r.statusCode() != 201) errors.incrementAndGet(); })
                    .exceptionally(e -> { errors.incrementAndGet(); return null; });
        }
        reader.join(30_000 + seconds * 1000L);
        List<Double> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
        }
        Collections.sort(sorted);
        System.out.printf("%d %.2f %.2f %d%n", sorted.size(), pct(sorted, 0.50), pct(sorted, 0.99), errors.get());
        System.exit(0);
    }

    static void tail(String file, int total, int warmup, List<Double> latencies) {
        try (RandomAccessFile in = new RandomAccessFile(file, "r")) {
            in.seek(in.length());
            StringBuilder line = new StringBuilder();
            byte[] buffer = new byte[65536];
            int seen = 0;
            long idleSince = System.nanoTime();
            while (seen < total) {
                int n = in.read(buffer);
                if (n <= 0) {
                    if (System.nanoTime() - idleSince > 20_000_000_000L) {
                        return;
                    }
                    Thread.sleep(0, 200_000);
                    continue;
                }
                long now = micros();
                idleSince = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    char c = (char) (buffer[i] & 0xff);
                    if (c != '\n') {
                        line.append(c);
                        continue;
                    }
                    Matcher m = sent.matcher(line);
                    if (m.find()) {
                        seen++;
                        if (Integer.parseInt(m.group(1)) >= warmup) {
                            latencies.add((now - Long.parseLong(m.group(2))) / 1000.0);
                        }
                    }
                    line.setLength(0);
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    static long micros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    static double pct(List<Double> sorted, double p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
