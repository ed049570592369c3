package dev.pulse.x;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts {@link FakeX} and points Pulse at it, with a token and short back-offs.
 */
public class FakeXResource implements QuarkusTestResourceLifecycleManager {

    /** The bearer token Pulse is given (a secret: {@code dev.pulse.http.SecretsTest} checks it never shows). */
    public static final String TOKEN = "AAAAtest-bearer-SECRET-7f3c9e";
    static FakeX server;
    static final Path RECORDING = Path.of("target", "x-recording-test.ndjson");

    @Override
    public Map<String, String> start() {
        try {
            Files.deleteIfExists(RECORDING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = new FakeX();
        int port = server.start();
        return Map.ofEntries(
                Map.entry("quarkus.rest-client.x-api.url", "http://127.0.0.1:" + port),
                Map.entry("pulse.x.bearer-token", TOKEN),
                Map.entry("pulse.x.stream", "off"),
                Map.entry("pulse.x.stall-timeout", "1500ms"),
                Map.entry("pulse.x.backoff.network-step", "100ms"),
                Map.entry("pulse.x.backoff.network-max", "300ms"),
                Map.entry("pulse.x.backoff.http-initial", "300ms"),
                Map.entry("pulse.x.backoff.http-max", "2s"),
                Map.entry("pulse.x.backoff.rate-limit-initial", "200ms"),
                Map.entry("pulse.x.max-disconnected", "2s"),
                Map.entry("pulse.x.reset-connections", "true"),
                Map.entry("pulse.x.rules[0].value", "kafka lang:en"),
                Map.entry("pulse.x.rules[0].tag", "kafka-posts"),
                Map.entry("pulse.x.rules[1].value", "quarkus"),
                Map.entry("pulse.x.fields.tweet-fields", "author_id,created_at"),
                Map.entry("pulse.x.record.file", RECORDING.toAbsolutePath().toString()),
                Map.entry("pulse.sample.enabled", "false"));
    }

    /** The running fake, for tests of other packages. */
    public static FakeX server() {
        return server;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
