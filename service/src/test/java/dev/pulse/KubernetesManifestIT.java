package dev.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Kubernetes manifests the build generates (target/kubernetes): a Deployment of three replicas, each named after
 * its pod, with the health probes, and a Service in front.
 */
class KubernetesManifestIT {

    @Test
    void aDeploymentOfThreeReplicasWithProbesAndAService() throws IOException {
        Path manifest = Path.of("target", "kubernetes", "kubernetes.json");
        assertTrue(Files.isRegularFile(manifest), "run after package: " + manifest.toAbsolutePath());
        JsonNode list = new ObjectMapper().readTree(manifest.toFile());
        List<String> kinds = new ArrayList<>();
        JsonNode deployment = null;
        for (JsonNode item : list.isArray() ? list : list.path("items")) {
            kinds.add(item.path("kind").asText());
            if ("Deployment".equals(item.path("kind").asText())) {
                deployment = item;
            }
        }
        assertTrue(kinds.contains("Service"), kinds.toString());
        assertTrue(deployment != null, kinds.toString());
        assertEquals(3, deployment.path("spec").path("replicas").asInt());
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").path(0);
        assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/started", container.path("startupProbe").path("httpGet").path("path").asText());
        String replicaId = null;
        for (JsonNode env : container.path("env")) {
            if ("PULSE_OWNERS_REPLICA_ID".equals(env.path("name").asText())) {
                replicaId = env.path("valueFrom").path("fieldRef").path("fieldPath").asText();
            }
        }
        assertEquals("metadata.name", replicaId, "each replica is named after its pod");
        assertEquals("pulse", container.path("envFrom").path(0).path("configMapRef").path("name").asText());
    }
}
