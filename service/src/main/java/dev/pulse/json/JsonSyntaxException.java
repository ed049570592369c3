package dev.pulse.json;

import com.fasterxml.jackson.core.JsonLocation;

/**
 * Bytes that are not one well-formed JSON value, with the place (1-based line and column) where reading stopped.
 */
public class JsonSyntaxException extends RuntimeException {

    private final JsonLocation at;

    /** {@code at}: where reading stopped, {@link JsonLocation#NA} when nowhere in particular (line 1, column 1). */
    public JsonSyntaxException(String reason, JsonLocation at) {
        super(reason, null, false, false);
        this.at = at;
    }

    public int line() {
        return Math.max(1, at.getLineNr());
    }

    public int column() {
        return Math.max(1, at.getColumnNr());
    }
}
