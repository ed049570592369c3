package dev.pulse.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 16: three packaged Pulse replicas on a 3-node cluster share the singleton sources through the group
 * coordinator. An emitter run of 100,000 records is started on any replica; its owner is frozen with SIGSTOP past its
 * session timeout, another replica must take the run over within 15 s, and once the frozen owner goes on (SIGCONT)
 * nothing it writes may become visible to a read_committed reader: the run must finish with every record in the
 * topic exactly once. A second run continues the data set; its owner is killed with SIGKILL mid-run, and another
 * replica must take it over within 15 s, again exactly once. Then the X stream's owner is killed: another replica
 * must reconnect, and X's stand-in must never see two connections at once.
 */
class ReplicasIT {

    private static final int COUNT = 100_000;
    private static final Duration TAKEOVER = Duration.ofSeconds(15);
    private static final int JETSTREAM_EVENTS = 20_000;
    private static final Pattern RKEY = Pattern.compile("\"rkey\":\"e(\\d+)\"");
    private static final Pattern NUMBER = Pattern.compile("^\\{\"number\":(\\d+)}$");

    private final ObjectMapper json = new ObjectMapper();
    /** Starts replica {@code r<i>} (again). */
    private IntFunction<PulseApp> starter;

    @Test
    void aReplicaTakesOverTheSourcesOfOneThatDies() throws Exception {
        Path work = Path.of(System.getProperty("pulse.work.dir", "target"), "replicas");
        try (KafkaCluster cluster = new KafkaCluster(work.resolve("cluster"), 3);
                XStandIn x = XStandIn.start();
                JetstreamStandIn jetstream = JetstreamStandIn.start(JETSTREAM_EVENTS)) {
            cluster.start();
            List<PulseApp> replicas = new ArrayList<>();
            Map<String, PulseApp> byId = new HashMap<>();
            int[] starts = new int[3];
            starter = i -> {
                try {
                    return PulseApp.start(work.resolve("pulse-r" + i + (starts[i]++ == 0 ? "" : "-" + starts[i])
                            + ".log"), 18101 + i, List.of(
                                    "kafka.bootstrap.servers=" + cluster.bootstrap(), "pulse.topics.partitions=3",
                                    "pulse.topics.replication-factor=3", "pulse.sample.enabled=false",
                                    "pulse.owners.replica-id=r" + i, "pulse.console.group-id=replicas-console",
                                    "quarkus.rest-client.x-api.url=http://127.0.0.1:" + x.port(),
                                    "pulse.x.bearer-token=replicas-test-token", "pulse.x.stream=sample",
                                    "pulse.x.backoff.network-step=200ms", "pulse.x.backoff.network-max=1s",
                                    "pulse.bluesky.urls=" + jetstream.url(), "pulse.bluesky.rewind=2s"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            try {
                for (int i = 0; i < 3; i++) {
                    byId.put("r" + i, starter.apply(i));
                    replicas.add(byId.get("r" + i));
                }
                for (PulseApp replica : replicas) {
                    replica.awaitReady(Duration.ofSeconds(120));
                }
                emitterRunSurvivesAFrozenOwner(cluster, replicas, byId);
                sourcesSurviveTheirOwnersDeath(cluster, jetstream, replicas, byId);
                if (replicas.stream().filter(PulseApp::isAlive).count() < 2) {
                    // X's owner is killed next, and another replica must be there to take it.
                    int dead = replicas.indexOf(replicas.stream().filter(r -> !r.isAlive()).findFirst().orElseThrow());
                    PulseApp restarted = starter.apply(dead);
                    restarted.awaitReady(Duration.ofSeconds(120));
                    replicas.set(dead, restarted);
                    byId.put("r" + dead, restarted);
                }
                xStreamMovesWithOneConnection(x, replicas, byId);
            } finally {
                for (PulseApp replica : replicas) {
                    replica.close();
                }
            }
        }
    }

    /** Starts an emitter run through the first replica; its owner, once a tenth of {@code COUNT} is acknowledged. */
    private PulseApp startEmitter(List<PulseApp> replicas, Map<String, PulseApp> byId, String query) throws Exception {
        HttpResponse<String> started = replicas.get(0).post("/sample/start?" + query, "application/json", "");
        assertEquals(202, started.statusCode(), started.body());
        PulseApp owner = await("the emitter running on its owner", Duration.ofSeconds(30),
                () -> owner(replicas, "/sample", byId, st -> st.path("acknowledged").asLong() > 0));
        await("a tenth of the run acknowledged", Duration.ofSeconds(60),
                () -> status(owner, "/sample").path("acknowledged").asLong() >= COUNT / 10 ? Optional.of(owner)
                        : Optional.empty());
        return owner;
    }

    private void emitterRunSurvivesAFrozenOwner(KafkaCluster cluster, List<PulseApp> replicas,
            Map<String, PulseApp> byId) throws Exception {
        PulseApp owner = startEmitter(replicas, byId, "count=" + COUNT + "&interval=0");
        int handedOver = count(owner.log(), "hands sample over");
        owner.pause();
        long pausedAt = System.nanoTime();
        List<PulseApp> others = replicas.stream().filter(r -> r != owner).toList();
        PulseApp next;
        try {
            next = await("another replica running the emitter", TAKEOVER.plusSeconds(15),
                    () -> owner(others, "/sample", byId, st -> !"idle".equals(st.path("state").asText())));
            double takeover = seconds(pausedAt);
            System.out.printf("ReplicasIT: emitter owner frozen; taken over in %.1f s%n", takeover);
            assertTrue(takeover <= TAKEOVER.toSeconds(), "emitter taken over within 15 s, not " + takeover);
            // Long enough that the frozen owner's transaction may have timed out on the brokers, or not.
            TimeUnit.MILLISECONDS.sleep(Math.max(0, 7_000 - (System.nanoTime() - pausedAt) / 1_000_000));
        } finally {
            owner.resume();
        }
        System.out.printf("ReplicasIT: frozen owner resumed after %.1f s%n", seconds(pausedAt));
        await("the resumed replica handing the emitter over", Duration.ofSeconds(30),
                () -> count(owner.log(), "hands sample over") > handedOver ? Optional.of(true) : Optional.empty());
        await("the run completed", Duration.ofSeconds(180), () -> {
            JsonNode now = status(next, "/sample");
            return "completed".equals(now.path("state").asText()) ? Optional.of(now) : Optional.empty();
        });
        // What the resumed replica still had to write has had time to reach Kafka (and be aborted there).
        TimeUnit.SECONDS.sleep(3);
        assertExactlyOnce(cluster, COUNT, status(next, "/sample"));
        JsonNode live = json.readTree(owner.get("/q/health/live").body());
        System.out.printf("ReplicasIT: the resumed replica's liveness: %s%n", live);
        if (!"UP".equals(live.path("status").asText())) {
            // Its producer was fenced for good: a process manager restarts it, as Kubernetes does on liveness.
            int index = replicas.indexOf(owner);
            String id = byId.entrySet().stream().filter(e -> e.getValue() == owner).findFirst().orElseThrow().getKey();
            owner.close();
            PulseApp restarted = starter.apply(index);
            restarted.awaitReady(Duration.ofSeconds(120));
            replicas.set(index, restarted);
            byId.put(id, restarted);
        }
    }

    private void sourcesSurviveTheirOwnersDeath(KafkaCluster cluster, JetstreamStandIn jetstream,
            List<PulseApp> replicas, Map<String, PulseApp> byId) throws Exception {
        HttpResponse<String> streaming = replicas.get(1).post("/bluesky/stream/start?mode=jetstream",
                "application/json", "");
        assertEquals(202, streaming.statusCode(), streaming.body());
        PulseApp blueskyOwner = await("Jetstream streaming on its owner", Duration.ofSeconds(30),
                () -> owner(replicas, "/bluesky/stream", byId, st -> st.path("published").asLong() > 0));
        await("a tenth of the Jetstream events out", Duration.ofSeconds(60),
                () -> jetstream.published() >= JETSTREAM_EVENTS / 10 ? Optional.of(true) : Optional.empty());
        // The data set's second half, after what the first run wrote.
        PulseApp owner = startEmitter(replicas, byId, "count=" + 2 * COUNT + "&interval=0&resume=true");
        JsonNode atKill = status(owner, "/sample");
        owner.kill();
        blueskyOwner.kill();
        long killedAt = System.nanoTime();
        System.out.printf("ReplicasIT: killed the emitter's owner and Jetstream's (%s) with %d of %d events out%n",
                owner == blueskyOwner ? "the same" : "another", jetstream.published(), JETSTREAM_EVENTS);
        assertEquals("running", atKill.path("state").asText(), "the run must still be going at the kill: " + atKill);
        assertTrue(!jetstream.done(), "Jetstream must still be sending at the kill");
        List<PulseApp> alive = replicas.stream().filter(PulseApp::isAlive).toList();
        PulseApp next = await("another replica running the emitter", TAKEOVER.plusSeconds(15),
                () -> owner(alive, "/sample", byId, st -> !"idle".equals(st.path("state").asText())));
        double takeover = seconds(killedAt);
        System.out.printf("ReplicasIT: emitter owner killed after %d acks; taken over in %.1f s%n",
                atKill.path("acknowledged").asLong(), takeover);
        assertTrue(takeover <= TAKEOVER.toSeconds(), "emitter taken over within 15 s, not " + takeover);
        PulseApp nextBluesky = await("another replica running the Jetstream stream", TAKEOVER.plusSeconds(15),
                () -> owner(alive, "/bluesky/stream", byId, st -> !"idle".equals(st.path("state").asText())));
        double jetstreamTakeover = seconds(killedAt);
        await("the new owner streaming from Jetstream", Duration.ofSeconds(30), () -> "streaming".equals(
                status(nextBluesky, "/bluesky/stream").path("state").asText()) ? Optional.of(true) : Optional.empty());
        System.out.printf("ReplicasIT: Jetstream owner killed; taken over in %.1f s, streaming again after %.1f s%n",
                jetstreamTakeover, seconds(killedAt));
        assertTrue(jetstreamTakeover <= TAKEOVER.toSeconds(),
                "Jetstream taken over within 15 s, not " + jetstreamTakeover);
        await("every Jetstream event in the topic", Duration.ofSeconds(120), () -> jetstream.done()
                && rkeys(cluster).size() >= JETSTREAM_EVENTS ? Optional.of(true) : Optional.empty());
        Map<Integer, Integer> events = new HashMap<>();
        rkeys(cluster).forEach(i -> events.merge(i, 1, Integer::sum));
        long missingEvents = IntStream.range(0, JETSTREAM_EVENTS).filter(n -> !events.containsKey(n)).count();
        long duplicatedEvents = events.values().stream().filter(n -> n > 1).count();
        System.out.printf("ReplicasIT: bluesky holds %d of %d events, %d missing, %d duplicated; %d connections%n",
                events.size(), JETSTREAM_EVENTS, missingEvents, duplicatedEvents, jetstream.connections());
        assertEquals(0, missingEvents, "every event the stand-in sent in the topic");
        assertEquals(0, duplicatedEvents, "no event twice");
        await("the run completed", Duration.ofSeconds(180), () -> {
            JsonNode now = status(next, "/sample");
            return "completed".equals(now.path("state").asText())
                    && now.path("acknowledged").asLong() == now.path("emitted").asLong() ? Optional.of(now)
                            : Optional.empty();
        });
        assertExactlyOnce(cluster, 2 * COUNT, status(next, "/sample"));
        String nextOwner = status(next, "/sample").path("owner").asText();
        await("every replica showing the new owner's completed run", Duration.ofSeconds(10), () -> {
            for (PulseApp replica : alive) {
                JsonNode seen = status(replica, "/sample");
                if (!nextOwner.equals(seen.path("owner").asText()) || !"completed".equals(seen.path("state").asText())
                        || seen.path("acknowledged").asLong() != 2 * COUNT - seen.path("resumedFrom").asLong()) {
                    return Optional.empty();
                }
            }
            return Optional.of(true);
        });
    }

    /** The event numbers of the Jetstream records in {@code bluesky}, read committed. */
    private static List<Integer> rkeys(KafkaCluster cluster) {
        List<Integer> found = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : cluster.readAll("bluesky")) {
            Matcher rkey = RKEY.matcher(new String(record.value(), StandardCharsets.UTF_8));
            if (rkey.find()) {
                found.add(Integer.parseInt(rkey.group(1)));
            }
        }
        return found;
    }

    /** Numbers 0 to {@code count - 1} of the data set each exactly once in {@code sample}, read committed. */
    private static void assertExactlyOnce(KafkaCluster cluster, int count, JsonNode owner) {
        Map<Integer, Integer> copies = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : cluster.readAll("sample")) {
            Matcher number = NUMBER.matcher(new String(record.value(), StandardCharsets.UTF_8));
            if (number.matches()) {
                copies.merge(Integer.parseInt(number.group(1)), 1, Integer::sum);
            }
        }
        long missing = IntStream.range(0, count).filter(n -> !copies.containsKey(n)).count();
        long duplicated = copies.values().stream().filter(n -> n > 1).count();
        System.out.printf("ReplicasIT: sample holds %d of %d numbers, %d missing, %d duplicated; owner %s%n",
                copies.size(), count, missing, duplicated, owner);
        assertEquals(0, missing, "every record of the data set in the topic");
        assertEquals(0, duplicated, "no record twice");
        assertEquals(count, copies.size(), "nothing beyond the data set's first " + count);
    }

    private static int count(String text, String part) {
        int found = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            found++;
        }
        return found;
    }

    private void xStreamMovesWithOneConnection(XStandIn x, List<PulseApp> replicas, Map<String, PulseApp> byId)
            throws Exception {
        List<PulseApp> alive = replicas.stream().filter(PulseApp::isAlive).toList();
        PulseApp owner = await("one replica streaming from X", Duration.ofSeconds(30),
                () -> owner(alive, "/x/stream", byId, st -> "streaming".equals(st.path("state").asText())));
        assertEquals(1, x.open(), "one X connection");
        String xOwner = status(owner, "/x/stream").path("owner").asText();
        await("every replica naming X's owner", Duration.ofSeconds(10), () -> find(alive,
                r -> !xOwner.equals(status(r, "/x/stream").path("owner").asText())).isEmpty() ? Optional.of(true)
                        : Optional.empty());
        int before = x.connections();
        owner.kill();
        long killedAt = System.nanoTime();
        List<PulseApp> left = alive.stream().filter(PulseApp::isAlive).toList();
        await("another replica streaming from X", TAKEOVER.plusSeconds(15),
                () -> owner(left, "/x/stream", byId, st -> "streaming".equals(st.path("state").asText())));
        double takeover = seconds(killedAt);
        System.out.printf("ReplicasIT: X owner killed; another replica streaming after %.1f s; connections %d,"
                + " at most %d open at once%n", takeover, x.connections(), x.mostOpen());
        assertTrue(takeover <= TAKEOVER.toSeconds(), "X taken over within 15 s, not " + takeover);
        assertEquals(1, x.mostOpen(), "never two X connections at once");
        assertEquals(before + 1, x.connections(), "the new owner connected once");
    }

    private JsonNode status(PulseApp replica, String path) throws Exception {
        return json.readTree(replica.get(path).body());
    }

    /**
     * The replica of {@code replicas} that owns the source at {@code path} (its own status names itself), if its
     * status passes {@code check}.
     */
    private Optional<PulseApp> owner(List<PulseApp> replicas, String path, Map<String, PulseApp> byId,
            Predicate<JsonNode> check) throws Exception {
        for (PulseApp replica : replicas) {
            JsonNode status = status(replica, path);
            if (byId.get(status.path("owner").asText()) == replica && check.test(status)) {
                return Optional.of(replica);
            }
        }
        return Optional.empty();
    }

    private interface Probe {
        boolean test(PulseApp replica) throws Exception;
    }

    private static Optional<PulseApp> find(List<PulseApp> replicas, Probe probe) throws Exception {
        for (PulseApp replica : replicas) {
            if (probe.test(replica)) {
                return Optional.of(replica);
            }
        }
        return Optional.empty();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private interface Check<T> {
        Optional<T> get() throws Exception;
    }

    private static <T> T await(String what, Duration within, Check<T> check) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Optional<T> found = check.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
