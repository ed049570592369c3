import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * End-to-end latency in an open loop: records are sent at RATE/s on a schedule (a late send counts from when it was
 * due), and a record's latency is the time it was seen on the way out minus the time it was due, both on this
 * process's monotonic clock (the wall clock can step or slew mid-run). The time from due to the write's answer is
 * reported too, to tell the way in from the way out. One schedule and one summary for both targets, so that their
 * numbers compare:
 * <ul>
 * <li>{@code pulse}: POST /messages over 16 keep-alive connections, each record carrying its due time; it is seen when
 * its console line appears in Pulse's log, read as it is written ({@code tail -F}); the answer is the 201 (after
 * Kafka's ack).
 * <li>{@code kafka}: Kafka's own clients, acks=all and idempotence like Pulse, read back by a consumer; the answer is
 * the ack. Kafka's EndToEndLatency sends a record only after it read the previous one (a closed loop), so a broker
 * stall of 10 ms costs it one slow record where it costs a stream at 1,000/s ten: this is what the same broker and
 * clients give when measured like Pulse.
 * </ul>
 *   java -cp KAFKA_TOOLS_CLASSPATH bench/OpenLoop.java pulse http://127.0.0.1:PORT LOGFILE RATE SECONDS WARMUP_SECONDS
 *   java -cp KAFKA_TOOLS_CLASSPATH bench/OpenLoop.java kafka BOOTSTRAP TOPIC RATE SECONDS WARMUP_SECONDS
 *   → prints "records p50_ms p99_ms errors answer_p50_ms answer_p99_ms" over the SECONDS after the warm-up, which runs
 *   first in the same JVM at the same rate: this JVM compiles its own code in its first seconds (p99 18-45 ms over its
 *   first 2-3 s with Pulse already warm), and that is not the target's latency
 */
public class OpenLoop {

    /** Keep-alive connections the records are spread over (like a client's connection pool). */
    static final int CONNECTIONS = 16;
    static final long BASE = System.nanoTime();
    static final AtomicInteger errors = new AtomicInteger();
    static int rate;
    static int total;
    /** When the first record is due. */
    static long start;
    // per record, in arrays filled as they come: boxing them into lists made this JVM pause for GC mid-run
    static double[] shown;    // due → seen on the way out
    static double[] answered; // due → the write answered
    static Pattern sent;
    static volatile Process follower;

    public static void main(String[] args) throws Exception {
        rate = Integer.parseInt(args[3]);
        int warmup = rate * Integer.parseInt(args[5]);
        total = rate * Integer.parseInt(args[4]) + warmup;
        shown = unmeasured(total);
        answered = unmeasured(total);
        switch (args[0]) {
            case "pulse" -> pulse(URI.create(args[1] + "/messages"), args[2]);
            case "kafka" -> kafka(args[1], args[2]);
            default -> throw new IllegalArgumentException("the target is pulse or kafka, not " + args[0]);
        }
        double[] e2e = measured(shown, warmup);
        double[] acks = measured(answered, warmup);
        System.out.printf("%d %.2f %.2f %d %.2f %.2f%n", e2e.length, pct(e2e, 0.50), pct(e2e, 0.99),
                errors.get(), pct(acks, 0.50), pct(acks, 0.99));
        System.exit(0);
    }

    /** Waits until record {@code i} is due; its due time. */
    static long due(int i) {
        long due = start + i * 1_000_000_000L / rate;
        // parkNanos, not Thread.sleep: Java 17 rounds a sleep up to whole milliseconds
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        return due;
    }

    static void pulse(URI uri, String logFile) throws InterruptedException {
        // only this run's records count: a previous run's lines that are still arriving must not
        String run = Long.toString(System.nanoTime(), 36);
        sent = Pattern.compile("\"e2e\":(\\d+),\"run\":\"" + run + "\",\"t\":(\\d+)");
        Thread reader = new Thread(() -> tail(logFile));
        reader.start();
        start = System.nanoTime() + 100_000_000L;
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int first = c;
            Thread sender = new Thread(() -> {
                try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    for (int i = first; i < total; i += CONNECTIONS) {
                        long due = due(i);
                        byte[] body = ("{\"e2e\":" + i + ",\"run\":\"" + run + "\",\"t\":" + micros(due) + "}")
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
        reader.join(20_000); // the last lines: a record not shown 20 s after the last send is not counted
        if (follower != null) {
            follower.destroy();
        }
        reader.join();
    }

    static void kafka(String bootstrap, String topic) throws InterruptedException {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "0");
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrap);
        c.put("group.id", "open-loop-" + System.nanoTime());
        c.put("key.deserializer", ByteArrayDeserializer.class.getName());
        c.put("value.deserializer", ByteArrayDeserializer.class.getName());
        try (var producer = new KafkaProducer<byte[], byte[]>(p); var consumer = new KafkaConsumer<byte[], byte[]>(c)) {
            producer.partitionsFor(topic); // creates the topic (auto-create) and caches its metadata
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            start = System.nanoTime() + 100_000_000L;
            Thread reader = new Thread(() -> {
                int seen = 0;
                long quiet = System.nanoTime();
                while (seen < total && System.nanoTime() - quiet < 20_000_000_000L) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        int i = Integer.parseInt(new String(record.value(), StandardCharsets.US_ASCII));
                        shown[i] = (now - (start + i * 1_000_000_000L / rate)) / 1e6;
                        seen++;
                        quiet = now;
                    }
                }
            });
            reader.start();
            for (int i = 0; i < total; i++) {
                long due = due(i);
                int index = i;
                producer.send(new ProducerRecord<>(topic, Integer.toString(i).getBytes(StandardCharsets.US_ASCII)),
                        (metadata, failure) -> {
                            if (failure != null) {
                                errors.incrementAndGet();
                            } else {
                                answered[index] = (System.nanoTime() - due) / 1e6;
                            }
                        });
            }
            producer.flush();
            reader.join();
        }
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
    static void tail(String file) {
        try {
            long end = Files.size(Path.of(file));
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

    static double[] unmeasured(int records) {
        double[] latencies = new double[records];
        Arrays.fill(latencies, Double.NaN);
        return latencies;
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
