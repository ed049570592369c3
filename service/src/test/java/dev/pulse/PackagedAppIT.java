package dev.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packaged application carries no broker: the dev broker's Kafka server and Scala jars stay on the build-time
 * class path.
 */
class PackagedAppIT {

    @Test
    void libHasNoBrokerJars() throws IOException {
        Path lib = Path.of("target", "quarkus-app", "lib");
        assertTrue(Files.isDirectory(lib), "run after package: " + lib.toAbsolutePath());
        List<String> jars;
        try (Stream<Path> files = Files.walk(lib)) {
            jars = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
        }
        assertTrue(jars.stream().anyMatch(n -> n.startsWith("org.apache.kafka.kafka-clients-")), jars::toString);
        List<String> broker = jars.stream()
                .filter(n -> n.contains("kafka_2.13") || n.contains("kafka-server") || n.contains("kafka-metadata")
                        || n.contains("kafka-raft") || n.contains("kafka-storage") || n.contains("scala")
                        || n.contains("pulse-dev-broker-deployment"))
                .toList();
        assertEquals(List.of(), broker);
    }
}
