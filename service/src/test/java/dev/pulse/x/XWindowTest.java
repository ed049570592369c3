package dev.pulse.x;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.pulse.TopicProbe;
import dev.pulse.source.RecentKeys;
import io.quarkus.test.junit.QuarkusTest;

/** The X duplicate window rebuilt from the newest keys of a topic on the test broker. */
@QuarkusTest
class XWindowTest {

    @Inject
    XWindow window;

    @Test
    void theNewestPostIdsOfTheTopicAreKnownDuplicates() throws Exception {
        String topic = "xwindow-" + UUID.randomUUID();
        TopicProbe probe = new TopicProbe();
        for (String id : new String[] { "101", "102", "103" }) {
            probe.writeRaw(topic, id.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        }
        probe.writeRaw(topic, null, "{}".getBytes(StandardCharsets.UTF_8));
        RecentKeys recent = new RecentKeys(10);

        assertEquals(2, window.rebuild(topic, 3, recent), "the keyed posts among the 3 newest records");
        assertFalse(recent.firstTime("103"), "the newest post is a duplicate");
        assertFalse(recent.firstTime("102"));
        assertTrue(recent.firstTime("101"), "a post older than the window is not");
        assertTrue(recent.firstTime("104"), "nor a new one");
    }

    @Test
    void aMissingTopicLeavesTheWindowEmpty() {
        RecentKeys recent = new RecentKeys(10);
        assertEquals(0, window.rebuild("xwindow-none-" + UUID.randomUUID(), 5, recent));
        assertTrue(recent.firstTime("1"));
    }
}
