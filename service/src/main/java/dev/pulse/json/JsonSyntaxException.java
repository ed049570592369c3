package dev.pulse.json;

/**
 * Bytes that are not one well-formed JSON value, with the place (1-based line and column) where reading stopped.
 */
public class JsonSyntaxException extends RuntimeException {

    private final int line;
    private final int column;

    public JsonSyntaxException(String reason, int line, int column) {
        super(reason, null, false, false);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
