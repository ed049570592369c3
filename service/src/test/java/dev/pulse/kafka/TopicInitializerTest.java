package dev.pulse.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Topics are created at start-up on the real broker, with the broker's defaults unless configured; creating an
 * existing topic is harmless.
 */
@QuarkusTest
class TopicInitializerTest {

    @Inject
    TopicInitializer initializer;

    @Test
    void createsMissingTopicsAndLeavesExistingOnes() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            assertTrue(admin.listTopics().names().get(10, TimeUnit.SECONDS).contains("sample"));
            assertFalse(admin.listTopics().names().get(10, TimeUnit.SECONDS).contains("init-probe"));
            initializer.create(Set.of("init-probe", "sample"));
            TopicDescription probe = admin.describeTopics(Set.of("init-probe")).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get("init-probe");
            assertEquals(1, probe.partitions().size());
            assertEquals(1, probe.partitions().get(0).replicas().size());
        }
    }
}
