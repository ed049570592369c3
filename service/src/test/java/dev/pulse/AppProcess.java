package dev.pulse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A second instance of the packaged application (the native executable in the native pass), started by a test that
 * must signal it, on the broker of the integration run.
 */
public final class AppProcess {

    private AppProcess() {
    }

    /** Starts the app with these system properties ({@code -Dk=v}), its output to {@code log}. */
    public static Process start(Path log, boolean append, List<String> properties) throws Exception {
        List<String> command = new ArrayList<>();
        boolean nativeRun = "true".equals(System.getProperty("pulse.it.native"));
        command.add(nativeRun ? System.getProperty("native.image.path")
                : Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(properties);
        if (!nativeRun) {
            command.addAll(List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log.toFile())
                : ProcessBuilder.Redirect.to(log.toFile()));
        return builder.start();
    }

    /** Waits until the app on {@code port} is ready, at most 60 s. */
    public static void waitReady(HttpClient http, int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (Exception e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the app did not get ready");
    }
}
