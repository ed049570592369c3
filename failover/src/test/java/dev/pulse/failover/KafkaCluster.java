package dev.pulse.failover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A KRaft cluster of {@code n} combined broker+controller nodes, each its own JVM process on loopback (the Apache
 * Kafka jars of this module's test class path), so a node can be killed hard: SIGKILL, no clean shutdown.
 * Cluster defaults are those of a production cluster that tolerates one lost node: replication factor 3,
 * {@code min.insync.replicas=2}, internal topics replicated the same way.
 */
final class KafkaCluster implements AutoCloseable {

    private final Path dir;
    private final int[] ports;
    private final int[] controllerPorts;
    private final Process[] nodes;

    KafkaCluster(Path dir, int size) {
        this.dir = dir;
        this.ports = IntStream.range(0, size).map(i -> freePort()).toArray();
        this.controllerPorts = IntStream.range(0, size).map(i -> freePort()).toArray();
        this.nodes = new Process[size];
    }

    void start() throws IOException, InterruptedException {
        deleteRecursively(dir); // a fresh cluster every time: a second run (e.g. the native pass) must not see old topics
        String clusterId = Uuid.randomUuid().toString();
        String voters = IntStream.range(0, nodes.length)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts[i]).collect(Collectors.joining(","));
        for (int i = 0; i < nodes.length; i++) {
            Path nodeDir = dir.resolve("node-" + (i + 1));
            Files.createDirectories(nodeDir);
            Path props = nodeDir.resolve("server.properties");
            Files.writeString(props, String.join("\n",
                    "process.roles=broker,controller", "node.id=" + (i + 1), "controller.quorum.voters=" + voters,
                    "listeners=PLAINTEXT://127.0.0.1:" + ports[i] + ",CONTROLLER://127.0.0.1:" + controllerPorts[i],
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + ports[i], "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + nodeDir.resolve("data"), "num.partitions=3", "default.replication.factor=3",
                    "min.insync.replicas=2", "offsets.topic.replication.factor=3", "offsets.topic.num.partitions=3",
                    "transaction.state.log.replication.factor=3", "transaction.state.log.min.isr=2",
                    "share.coordinator.state.topic.replication.factor=3", "share.coordinator.state.topic.min.isr=2",
                    "unclean.leader.election.enable=false", "group.initial.rebalance.delay.ms=0",
                    // a dead node is noticed after 3 s instead of 9 s: the test waits less, the guarantees are the same
                    "broker.heartbeat.interval.ms=500", "broker.session.timeout.ms=3000",
                    // a paused owner's timed-out transaction is aborted within a second, not ten (Kafka's default)
                    "transaction.abort.timed.out.transaction.cleanup.interval.ms=1000", ""));
            int formatted = run(nodeDir.resolve("format.log"), "kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                    props.toString()).waitFor();
            if (formatted != 0) {
                throw new IllegalStateException("formatting node " + (i + 1) + " failed, see " + nodeDir.resolve("format.log"));
            }
            nodes[i] = run(nodeDir.resolve("broker.log"), "kafka.Kafka", props.toString());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    if (admin.describeCluster().nodes().get().size() == nodes.length) {
                        return;
                    }
                } catch (Exception e) {
                    // not up yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the " + nodes.length + "-node cluster did not form in 90 s, see " + dir);
                }
                Thread.sleep(250);
            }
        }
    }

    String bootstrap() {
        return IntStream.of(ports).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrap()));
    }

    /** SIGKILL: the node gets no chance to flush, hand over leadership or deregister. */
    void kill(int nodeId) throws InterruptedException {
        Process node = nodes[nodeId - 1];
        node.destroyForcibly();
        node.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process node : nodes) {
            if (node != null) {
                node.destroyForcibly();
                node.waitFor();
            }
        }
    }

    /** Every record of {@code topic} that is committed, read to the end the topic had when the reading began. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static Process run(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (var paths = Files.walk(path)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
