package dev.pulse.x;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.smallrye.mutiny.Multi;

/**
 * Cuts a byte stream into lines at CRLF, whatever the chunking: a line may span chunks (even between CR and LF, or
 * inside a multi-byte UTF-8 character) and a chunk may hold many lines. It works on bytes and decodes nothing, keeps
 * at most {@code maxBytes} of a line in memory, and emits lines only as they are requested downstream.
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

    /** Frames {@code chunks} with a fresh framer: a partial line left at the end is dropped, never emitted. */
    static Multi<StreamLine> frame(Multi<byte[]> chunks, int maxBytes) {
        return Multi.createFrom().deferred(() -> {
            LineFramer framer = new LineFramer(maxBytes);
            return chunks.onItem().transformToIterable(framer::feed);
        });
    }

    List<StreamLine> feed(byte[] chunk) {
        List<StreamLine> lines = List.of();
        int start = 0;
        for (int i = 0; i < chunk.length; i++) {
            if (chunk[i] != '\n') {
                continue;
            }
            boolean crlf = i > start ? chunk[i - 1] == '\r' : i == 0 ? endsWithCr() : false;
            if (!crlf) {
                continue;
            }
            append(chunk, start, i - start);
            if (lines.isEmpty()) {
                lines = new ArrayList<>(4);
            }
            lines.add(take());
            start = i + 1;
        }
        append(chunk, start, chunk.length - start);
        return lines;
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
