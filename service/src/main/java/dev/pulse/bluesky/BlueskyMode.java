package dev.pulse.bluesky;

import java.util.Locale;

import dev.pulse.source.SourceMode;

/**
 * What the Bluesky publisher streams: Jetstream live, a capture replayed, or nothing.
 */
public enum BlueskyMode implements SourceMode {
    JETSTREAM,
    REPLAY,
    OFF;

    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean live() {
        return this == JETSTREAM;
    }

    static BlueskyMode parse(String text) {
        for (BlueskyMode mode : values()) {
            if (mode.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + text + "': use jetstream, replay or off");
    }
}
