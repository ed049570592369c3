package dev.pulse.bluesky;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts {@link FakeJetstream} and points Pulse at it (twice, so a reconnect rotates hosts), with short timeouts.
 */
public class FakeJetstreamResource implements QuarkusTestResourceLifecycleManager {

    static FakeJetstream server;

    @Override
    public Map<String, String> start() {
        server = new FakeJetstream();
        int port = server.start();
        String url = "ws://127.0.0.1:" + port + "/subscribe";
        return Map.ofEntries(
                Map.entry("pulse.bluesky.urls", url + "," + url + "?host=2"),
                Map.entry("pulse.bluesky.stream", "off"),
                Map.entry("pulse.bluesky.rewind", "50ms"),
                Map.entry("pulse.bluesky.stall-timeout", "1500ms"),
                Map.entry("pulse.bluesky.max-message-bytes", "8K"),
                Map.entry("pulse.bluesky.backoff.initial", "100ms"),
                Map.entry("pulse.bluesky.backoff.max", "400ms"),
                Map.entry("pulse.bluesky.max-disconnected", "2s"),
                Map.entry("pulse.sample.enabled", "false"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
