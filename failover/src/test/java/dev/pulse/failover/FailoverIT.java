package dev.pulse.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 5.1: the packaged Pulse on a 3-node cluster (replication factor 3, min.insync.replicas=2) under emitter and
 * REST load; the leader of {@code sample-0} is killed with SIGKILL mid-run. Every record Pulse acknowledged (REST 201,
 * emitter ack) must be in the topic afterwards, exactly once, and Pulse must carry on without a restart.
 */
class FailoverIT {

    private static final int COUNT = 300_000;
    private static final Pattern REST_ID = Pattern.compile("\"rest\":\"([a-z0-9-]+)\"");
    private static final Pattern NUMBER = Pattern.compile("^\\{\"number\":(\\d+)}$");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void killingThePartitionLeaderLosesNothingAcknowledged() throws Exception {
        Path work = Path.of(System.getProperty("pulse.work.dir", "target"), "failover");
        try (KafkaCluster cluster = new KafkaCluster(work.resolve("cluster"), 3)) {
            long began = System.nanoTime();
            cluster.start();
            System.out.printf("FailoverIT: 3-node cluster up in %.1f s at %s%n", seconds(began), cluster.bootstrap());
            try (PulseApp pulse = PulseApp.start(work.resolve("pulse.log"), 18093, List.of(
                    "kafka.bootstrap.servers=" + cluster.bootstrap(), "pulse.topics.partitions=3",
                    "pulse.topics.replication-factor=3", "pulse.sample.interval=0", "pulse.sample.count=" + COUNT,
                    "pulse.console.group-id=failover-console"))) {
                pulse.awaitReady(Duration.ofSeconds(90));
                run(cluster, pulse);
            }
        }
    }

    private void run(KafkaCluster cluster, PulseApp pulse) throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger unconfirmed = new AtomicInteger();
        AtomicInteger afterKill = new AtomicInteger();
        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong firstAckAfterKill = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int c = 0; c < 8; c++) {
            int client = c;
            clients.submit(() -> {
                for (int n = 0; running.get(); n++) {
                    boolean batch = client < 2; // two clients send NDJSON batches of 25, six single JSON records
                    List<String> ids = IntStream.range(0, batch ? 25 : 1)
                            .mapToObj(i -> "c" + client + "-" + sent.get() + "-" + i)
                            .collect(Collectors.toList());
                    String body = ids.stream().map(id -> "{\"rest\":\"" + id + "\"}").collect(Collectors.joining("\n"));
                    long start = System.nanoTime();
                    sent.addAndGet(ids.size());
                    try {
                        HttpResponse<String> answer = pulse.post("/messages",
                                batch ? "application/x-ndjson" : "application/json", body);
                        if (answer.statusCode() == 201) {
                            acknowledged.addAll(ids);
                            if (start > killedAt.get()) {
                                afterKill.addAndGet(ids.size());
                                firstAckAfterKill.compareAndSet(0, System.nanoTime());
                            }
                        } else {
                            unconfirmed.addAndGet(ids.size());
                        }
                    } catch (Exception e) {
                        unconfirmed.addAndGet(ids.size());
                    }
                }
                return null;
            });
        }

        await("emitter and REST load running", Duration.ofSeconds(120),
                () -> status(pulse).path("acknowledged").asLong() >= COUNT / 6 && acknowledged.size() >= 300);
        int leader;
        try (Admin admin = cluster.admin()) {
            leader = leader(admin, 0);
            JsonNode atKill = status(pulse);
            long emittedAtKill = atKill.path("acknowledged").asLong();
            cluster.kill(leader);
            assertEquals("running", atKill.path("state").asText(), "the emitter run must still be going at the kill");
            killedAt.set(System.nanoTime());
            System.out.printf("FailoverIT: SIGKILL to node %d (leader of sample-0) after %d emitter acks and %d REST acks%n",
                    leader, emittedAtKill, acknowledged.size());
            await("a new leader for sample-0", Duration.ofSeconds(60), () -> {
                int now = leader(admin, 0);
                return now != leader && now >= 0;
            });
            System.out.printf("FailoverIT: sample-0 led by node %d after %.1f s%n", leader(admin, 0), seconds(killedAt.get()));
        }
        await("REST acknowledged again after the kill", Duration.ofSeconds(90), () -> afterKill.get() >= 500);
        await("emitter run completed and every record answered by Kafka", Duration.ofSeconds(240), () -> {
            JsonNode now = status(pulse);
            return !"running".equals(now.path("state").asText())
                    && now.path("acknowledged").asLong() + now.path("failed").asLong() >= now.path("emitted").asLong();
        });
        running.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS), "load clients stopped");
        JsonNode emitter = status(pulse);

        Map<String, Integer> restCopies = new HashMap<>();
        Map<Integer, Integer> numberCopies = new HashMap<>();
        List<ConsumerRecord<byte[], byte[]>> records = cluster.readAll("sample");
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            Matcher rest = REST_ID.matcher(value);
            Matcher number = NUMBER.matcher(value);
            if (rest.find()) {
                restCopies.merge(rest.group(1), 1, Integer::sum);
            } else if (number.matches()) {
                numberCopies.merge(Integer.parseInt(number.group(1)), 1, Integer::sum);
            }
        }
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(restCopies.keySet());
        long restDuplicates = restCopies.values().stream().filter(n -> n > 1).count();
        long numberDuplicates = numberCopies.values().stream().filter(n -> n > 1).count();
        long numbersMissing = IntStream.range(0, COUNT).filter(n -> !numberCopies.containsKey(n)).count();
        System.out.printf(
                "FailoverIT: REST %d records sent, %d acknowledged (%d sent after the kill, first ack %.1f s after it),"
                        + " %d unconfirmed (503/timeout); found %d distinct, %d acknowledged missing, %d duplicated%n",
                sent.get(), acknowledged.size(), afterKill.get(),
                firstAckAfterKill.get() == 0 ? -1 : (firstAckAfterKill.get() - killedAt.get()) / 1e9, unconfirmed.get(),
                restCopies.size(), missing.size(), restDuplicates);
        System.out.printf("FailoverIT: emitter %s; found %d of %d numbers, %d missing, %d duplicated; topic holds %d records%n",
                emitter, numberCopies.size(), COUNT, numbersMissing, numberDuplicates, records.size());

        assertEquals(Set.of(), missing, "every REST 201 is in the topic");
        assertEquals(0, restDuplicates, "no REST record twice");
        assertEquals("completed", emitter.path("state").asText(), "emitter run completed: " + emitter);
        assertEquals(COUNT, emitter.path("acknowledged").asLong(), "emitter: every record acknowledged");
        assertEquals(0, emitter.path("failed").asLong(), "emitter: no failed send");
        assertEquals(0, numbersMissing, "every acknowledged emitter record is in the topic");
        assertEquals(0, numberDuplicates, "no emitter record twice (idempotent producer)");
        assertTrue(pulse.isAlive(), "same process, no restart");
        assertEquals(200, pulse.get("/q/health/ready").statusCode(), "ready with one node down");
        try (Admin admin = cluster.admin()) {
            assertNotEquals(leader, leader(admin, 0), "leadership moved");
        }
    }

    private JsonNode status(PulseApp pulse) throws Exception {
        return json.readTree(pulse.get("/sample").body());
    }

    private static int leader(Admin admin, int partition) throws Exception {
        TopicDescription topic = admin.describeTopics(List.of("sample")).allTopicNames().get(10, TimeUnit.SECONDS)
                .get("sample");
        var leader = topic.partitions().get(partition).leader();
        return leader == null ? -1 : leader.id();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Duration within, Check check) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(200);
        }
    }
}
