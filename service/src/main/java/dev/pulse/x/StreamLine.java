package dev.pulse.x;

/**
 * One CRLF-terminated line of a stream: a JSON text, a keep-alive (empty line) or a line over the size limit.
 */
record StreamLine(Kind kind, byte[] bytes, long size) {

    enum Kind {
        DATA, KEEP_ALIVE, OVERSIZED
    }

    static final StreamLine KEEP_ALIVE_LINE = new StreamLine(Kind.KEEP_ALIVE, new byte[0], 0);
}
