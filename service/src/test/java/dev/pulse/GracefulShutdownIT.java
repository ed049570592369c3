package dev.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * SIGTERM to the packaged app under REST and emitter load: every request answered 2xx is in Kafka (once), in-flight
 * sends end cleanly, the console consumer commits its progress and never past what it showed. The app under test is a
 * second instance started here (so this test can signal it), on the broker of the integration run.
 */
@QuarkusIntegrationTest
class GracefulShutdownIT {

    private static final int PORT = 18091;

    @Test
    void sigtermLosesNothingAcknowledged() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Path log = Path.of("target", "graceful-shutdown-app.log");
        Process app = AppProcess.start(log, false, List.of("-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dquarkus.http.port=" + PORT, "-Dpulse.topics.sample=shutdown", "-Dpulse.console.group-id=shutdown-console",
                "-Dpulse.sample.interval=0", "-Dpulse.sample.count=5000000", "-Dpulse.sample.resume=false"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            AppProcess.waitReady(http, PORT);
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger errors = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger next = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int c = 0; c < 8; c++) {
                clients.submit(() -> {
                    while (running.get()) {
                        String id = "r" + next.incrementAndGet();
                        try {
                            HttpResponse<String> answer = http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/messages"))
                                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(15))
                                            .POST(HttpRequest.BodyPublishers.ofString("{\"rest\":\"" + id + "\"}")).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() == 201) {
                                acknowledged.add(id);
                            } else {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            if (!app.isAlive()) {
                                return;
                            }
                        }
                    }
                });
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (acknowledged.size() < 20 && System.nanoTime() < deadline) { // load is running
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            int before = acknowledged.size();
            app.destroy(); // SIGTERM
            assertTrue(app.waitFor(60, TimeUnit.SECONDS), "stopped within 60 s");
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);
            String output = LogCapture.file(log).text();

            TopicProbe topic = new TopicProbe(bootstrap);
            List<String> values = new ArrayList<>();
            // Read committed, to the end: the emitter's records are transactional (markers take offsets too).
            topic.readAll("shutdown", r -> true, Duration.ofSeconds(60))
                    .forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
            Set<String> stored = ConcurrentHashMap.newKeySet();
            int restRecords = 0;
            for (String v : values) {
                Matcher m = Pattern.compile("\"rest\":\"(r\\d+)\"").matcher(v);
                if (m.find()) {
                    restRecords++;
                    stored.add(m.group(1));
                }
            }
            Set<String> missing = new HashSet<>(acknowledged);
            missing.removeAll(stored);
            System.out.printf("GracefulShutdownIT: exit %d; %d REST requests acknowledged (%d before SIGTERM), %d errors;"
                    + " topic holds %d records (%d REST, %d distinct), %d acknowledged missing%n", app.exitValue(),
                    acknowledged.size(), before, errors.get(), values.size(), restRecords, stored.size(), missing.size());
            assertTrue(before >= 20, "load ran: " + before);
            assertEquals(Set.of(), missing, "every 201 is in Kafka");
            assertEquals(restRecords, stored.size(), "no duplicates");
            assertFalse(output.contains("Producer closed while send in progress"), "clean producer close");
            assertFalse(output.contains("Exception in thread"), "no thread died");
            assertTrue(app.exitValue() == 0 || app.exitValue() == 143, "exit " + app.exitValue());

            long shown = -1;
            Matcher line = Pattern.compile("^shutdown-0@(\\d+) ", Pattern.MULTILINE).matcher(output);
            while (line.find()) {
                shown = Math.max(shown, Long.parseLong(line.group(1)));
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("shutdown-console")
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).get(new TopicPartition("shutdown", 0));
                System.out.printf("GracefulShutdownIT: console showed up to offset %d, committed %s%n", shown,
                        committed == null ? "nothing" : committed.offset());
                // at least once: progress is committed, and never past what was shown (nothing skipped); records shown
                // after the final commit (the closing timeout) are shown again after a restart
                assertTrue(committed != null && committed.offset() > 0, "committed progress");
                assertTrue(committed.offset() <= shown + 1, "committed " + committed.offset() + " past shown " + shown);
            }
        } finally {
            app.destroyForcibly();
        }
    }
}
