package dev.pulse.bluesky;

/**
 * One WebSocket message from Jetstream: a text message's bytes exactly as received, or a message that is not one
 * (binary, or over {@code pulse.bluesky.max-message-bytes}, with only its size kept).
 */
record JetstreamFrame(Type type, byte[] bytes, long size) {

    enum Type {
        TEXT,
        BINARY,
        OVERSIZED
    }

    static JetstreamFrame text(byte[] bytes) {
        return new JetstreamFrame(Type.TEXT, bytes, bytes.length);
    }
}
