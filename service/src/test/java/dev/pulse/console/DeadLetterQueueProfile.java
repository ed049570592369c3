package dev.pulse.console;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The console consumer's failure strategy is {@code dead-letter-queue}: a poison record is copied to
 * {@code <topic>.dlq} before the partition moves on (the default, {@code ignore}, only skips it). No start-up emitter
 * run: the sample topic holds only what the tests write.
 */
public class DeadLetterQueueProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pulse.console.failure-strategy", "dead-letter-queue", "pulse.sample.enabled", "false");
    }
}
