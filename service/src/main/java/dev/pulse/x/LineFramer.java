package dev.pulse.x;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.smallrye.mutiny.Multi;

/**
 * Cuts a byte stream into lines at CRLF, whatever the chunking: a line may span chunks (even between CR and LF, or
 * inside a multi-byte UTF-8 character) and a chunk may hold many lines. It works on bytes and decodes nothing, keeps
 * at most {@code maxBytes} of a line in memory, and emits a chunk's lines together, as they are requested downstream.
 */
final class LineFramer {

    private final int maxBytes;
    private byte[] line = new byte[4096];
    private int length;
    private long oversized = -1;
    private boolean lastOversizedByteWasCr;

    LineFramer(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Frames {@code chunks} with a fresh framer into the lines each chunk completes (chunks that complete none are
     * left out); a partial line left at the end is dropped, never emitted.
     */
    static Multi<List<StreamLine>> frame(Multi<byte[]> chunks, int maxBytes) {
        return Multi.createFrom().deferred(() -> {
            LineFramer framer = new LineFramer(maxBytes);
            return chunks.onItem().transform(framer::feed).select().where(lines -> !lines.isEmpty());
        });
    }

    List<StreamLine> feed(byte[] chunk) {
        List<StreamLine> lines = List.of();
        int start = 0;
        for (int i = indexOfLf(chunk, 0); i >= 0; i = indexOfLf(chunk, i + 1)) {
            boolean crlf = i > start ? chunk[i - 1] == '\r' : i == 0 ? endsWithCr() : false;
            if (!crlf) {
                continue;
            }
            if (lines.isEmpty()) {
                lines = new ArrayList<>();
            }
            if (length == 0 && oversized < 0 && i > start) { // the whole line is in this chunk: one copy
                lines.add(line(chunk, start, i - 1 - start));
            } else {
                append(chunk, start, i - start);
                lines.add(take());
            }
            start = i + 1;
        }
        append(chunk, start, chunk.length - start);
        return lines;
    }

    /** The first LF at or after {@code from}, or -1. */
    static int indexOfLf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private StreamLine line(byte[] chunk, int from, int size) {
        if (size > maxBytes) {
            return new StreamLine(StreamLine.Kind.OVERSIZED, new byte[0], size);
        }
        if (size == 0) {
            return StreamLine.KEEP_ALIVE_LINE;
        }
        return new StreamLine(StreamLine.Kind.DATA, Arrays.copyOfRange(chunk, from, from + size), size);
    }

    private boolean endsWithCr() {
        return oversized >= 0 ? lastOversizedByteWasCr : length > 0 && line[length - 1] == '\r';
    }

    private void append(byte[] chunk, int from, int count) {
        if (count == 0) {
            return;
        }
        if (oversized >= 0) {
            oversized += count;
            lastOversizedByteWasCr = chunk[from + count - 1] == '\r';
            return;
        }
        if (length + count > maxBytes + 1) { // + 1: the CR of the CRLF
            oversized = length + count;
            lastOversizedByteWasCr = chunk[from + count - 1] == '\r';
            length = 0;
            if (line.length > 4096) {
                line = new byte[4096];
            }
            return;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(chunk, from, line, length, count);
        length += count;
    }

    private StreamLine take() {
        if (oversized >= 0) {
            StreamLine tooLong = new StreamLine(StreamLine.Kind.OVERSIZED, new byte[0], oversized - 1);
            oversized = -1;
            return tooLong;
        }
        int size = length - 1; // without the CR
        length = 0;
        if (size == 0) {
            return StreamLine.KEEP_ALIVE_LINE;
        }
        return new StreamLine(StreamLine.Kind.DATA, Arrays.copyOf(line, size), size);
    }
}
