package dev.pulse.x;

import java.util.Locale;

import dev.pulse.source.SourceMode;

/**
 * Where posts come from: X's sampled or filtered stream, a replayed capture, or nowhere.
 */
public enum XMode implements SourceMode {
    SAMPLE,
    FILTERED,
    REPLAY,
    OFF;

    /** What the mode streams and which of X's access levels can use it (2026). */
    public String access() {
        return switch (this) {
            case SAMPLE -> "X's 1 % sample of all posts: Enterprise access only (a pay-per-use token gets 403 here: use"
                    + " pulse.x.stream=filtered)";
            case FILTERED -> "the posts matching your rules: pay-per-use and Enterprise (pay-per-use: one connection, up"
                    + " to 250 posts/s, 1,000 rules, a monthly read cap)";
            case REPLAY -> "a recorded capture, no token needed";
            case OFF -> "nothing";
        };
    }

    /** The stream endpoint of a live mode, {@code null} otherwise. */
    public String path() {
        return switch (this) {
            case SAMPLE -> "/2/tweets/sample/stream";
            case FILTERED -> "/2/tweets/search/stream";
            case REPLAY, OFF -> null;
        };
    }

    @Override
    public boolean live() {
        return path() != null;
    }

    @Override
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
