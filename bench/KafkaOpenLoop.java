import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka's own clients measured the way E2eLatency measures Pulse: records sent at RATE/s on a schedule (open loop: a
 * late record counts from when it was due), acks=all and idempotence like Pulse, read back by a consumer. Kafka's
 * EndToEndLatency sends one record and waits until it is read before the next (closed loop), so a broker stall of 10 ms
 * costs it one slow record where it costs a record stream at 1,000/s ten: this shows what the same broker and clients
 * give when measured like Pulse.
 *   java -cp KAFKA_TOOLS_CLASSPATH bench/KafkaOpenLoop.java BOOTSTRAP TOPIC RATE SECONDS WARMUP_SECONDS
 *   → prints "records p50_ms p99_ms errors ack_p50_ms ack_p99_ms" over the SECONDS after the warm-up, which runs
 *   first in the same JVM at the same rate (Pulse, a server, is measured after a warm-up too)
 */
public class KafkaOpenLoop {

    static final long BASE = System.nanoTime();

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        int rate = Integer.parseInt(args[2]);
        int warmup = rate * Integer.parseInt(args[4]);
        int total = rate * Integer.parseInt(args[3]) + warmup;
        double[] shown = new double[total];
        double[] acked = new double[total];
        Arrays.fill(shown, Double.NaN);
        Arrays.fill(acked, Double.NaN);
        AtomicInteger errors = new AtomicInteger();
        Properties common = new Properties();
        common.put("bootstrap.servers", bootstrap);
        Properties p = (Properties) common.clone();
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "0");
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        Properties c = (Properties) common.clone();
        c.put("group.id", "open-loop-" + System.nanoTime());
        c.put("key.deserializer", ByteArrayDeserializer.class.getName());
        c.put("value.deserializer", ByteArrayDeserializer.class.getName());
        try (var producer = new KafkaProducer<byte[], byte[]>(p); var consumer = new KafkaConsumer<byte[], byte[]>(c)) {
            producer.partitionsFor(topic); // creates the topic (auto-create) and caches its metadata
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            long start = System.nanoTime() + 100_000_000L;
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
                long due = start + i * 1_000_000_000L / rate;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                producer.send(new ProducerRecord<>(topic, Integer.toString(i).getBytes(StandardCharsets.US_ASCII)),
                        (metadata, failure) -> {
                            if (failure != null) {
                                errors.incrementAndGet();
                            } else {
                                acked[index] = (System.nanoTime() - due) / 1e6;
                            }
                        });
            }
            producer.flush();
            reader.join();
        }
        double[] e2e = measured(shown, warmup);
        double[] acks = measured(acked, warmup);
        System.out.printf("%d %.2f %.2f %d %.2f %.2f%n", e2e.length, pct(e2e, 0.50), pct(e2e, 0.99), errors.get(),
                pct(acks, 0.50), pct(acks, 0.99));
    }

    static double[] measured(double[] latencies, int warmup) {
        double[] sorted = Arrays.stream(latencies, warmup, latencies.length).filter(l -> !Double.isNaN(l)).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    static double pct(double[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
