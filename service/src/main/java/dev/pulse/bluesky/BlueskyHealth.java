package dev.pulse.bluesky;

import jakarta.inject.Singleton;

import dev.pulse.source.SourceHealth;
import io.smallrye.health.api.Wellness;

/**
 * Wellness check {@code bluesky-stream} ({@code /q/health/well}): DOWN when a replay failed or Jetstream has been
 * unreachable for longer than {@code pulse.bluesky.max-disconnected}.
 */
@Wellness
@Singleton
public class BlueskyHealth extends SourceHealth {

    BlueskyHealth(BlueskyPublisher publisher) {
        super("bluesky-stream", publisher);
    }
}
