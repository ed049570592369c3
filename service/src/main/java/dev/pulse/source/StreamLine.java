package dev.pulse.source;

/**
 * One CRLF-terminated line of a stream: a JSON text, a keep-alive (empty line) or a line over the size limit.
 */
public record StreamLine(Kind kind, byte[] bytes, long size) {

    public enum Kind {
        DATA,
        KEEP_ALIVE,
        OVERSIZED
    }

    static final StreamLine KEEP_ALIVE_LINE = new StreamLine(Kind.KEEP_ALIVE, new byte[0], 0);
}
