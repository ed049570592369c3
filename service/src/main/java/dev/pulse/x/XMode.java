package dev.pulse.x;

import java.util.Locale;

/**
 * Where posts come from: X's sampled or filtered stream, a replayed capture, or nowhere.
 */
public enum XMode {
    SAMPLE("/2/tweets/sample/stream"), FILTERED("/2/tweets/search/stream"), REPLAY(null), OFF(null);

    private final String path;

    XMode(String path) {
        this.path = path;
    }

    /** The stream endpoint of a live mode, {@code null} otherwise. */
    public String path() {
        return path;
    }

    public boolean live() {
        return path != null;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static XMode parse(String text) {
        for (XMode mode : values()) {
            if (mode.label().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a mode: sample, filtered, replay or off");
    }
}
