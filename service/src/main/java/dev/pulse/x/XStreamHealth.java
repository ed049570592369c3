package dev.pulse.x;

import jakarta.inject.Singleton;

import dev.pulse.source.SourceHealth;
import io.smallrye.health.api.Wellness;

/**
 * Wellness check {@code x-stream} ({@code /q/health/well}): DOWN after 401/403, the usage cap, or a live stream
 * disconnected longer than {@code pulse.x.max-disconnected}.
 */
@Wellness
@Singleton
public class XStreamHealth extends SourceHealth {

    XStreamHealth(XStreamPublisher publisher) {
        super("x-stream", publisher);
    }
}
