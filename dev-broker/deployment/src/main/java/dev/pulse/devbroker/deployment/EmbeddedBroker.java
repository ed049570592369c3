package dev.pulse.devbroker.deployment;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.jboss.logging.Logger;

import io.quarkus.deployment.builditem.Startable;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * One combined broker + controller node (KRaft) on loopback, its data under {@code target/pulse-dev-broker}.
 */
final class EmbeddedBroker implements Startable {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);

    private final Path dataDir;
    private final int requestedPort;
    private final int partitions;
    private KafkaRaftServer server;
    private String bootstrap;

    EmbeddedBroker(Path dataDir, int port, int partitions) {
        this.dataDir = dataDir;
        this.requestedPort = port;
        this.partitions = partitions;
    }

    @Override
    public void start() {
        long began = System.nanoTime();
        int port = requestedPort > 0 ? requestedPort : freePort();
        int controllerPort = freePort();
        Path logDir = dataDir.resolve("data");
        deleteRecursively(dataDir);
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", String.valueOf(partitions));
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // A paused owner's timed-out transaction is aborted within a second, not ten (Kafka's default).
        props.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        props.put("auto.create.topics.enable", "true");
        props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        props.put("server.max.startup.time.ms", "60000");
        KafkaConfig config = new KafkaConfig(props, false);
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setUnstableFeatureVersionsEnabled(false)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Pulse dev broker: formatting " + logDir + " failed: " + e.getMessage(), e);
        }
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        bootstrap = "127.0.0.1:" + port;
        LOG.infof("Pulse dev broker (Apache Kafka, KRaft, in the JVM) listening on %s, data in %s, started in %d ms"
                + " (kcat -b %s -L)", bootstrap, dataDir, (System.nanoTime() - began) / 1_000_000, bootstrap);
    }

    @Override
    public String getConnectionInfo() {
        return bootstrap;
    }

    @Override
    public String getContainerId() {
        return null;
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            LOG.infof("Pulse dev broker on %s stopped", bootstrap);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Pulse dev broker: no free loopback port", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Pulse dev broker: cannot clear " + dir, e);
        }
    }
}
