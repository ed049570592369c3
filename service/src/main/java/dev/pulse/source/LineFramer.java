package dev.pulse.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Cuts a byte stream into lines at CRLF, whatever the chunking: a line may span chunks (even between CR and LF, or
 * inside a multi-byte UTF-8 character) and a chunk may hold many lines. It works on bytes and decodes nothing, keeps
 * at most {@code maxBytes} of a line in memory, and emits a chunk's lines together, as they are requested downstream.
 * Not Vert.x's {@code RecordParser}: it fails the whole stream at a record over its limit, where a live source must
 * skip that one line and keep its connection.
 */
public final class LineFramer {

    private final int maxBytes;
    /** Whether a lone LF ends a line too (NDJSON files), not only CRLF (X's streams, where LF may sit inside a line). */
    private final boolean lf;
    private byte[] line = new byte[4096];
    private int length;
    private long oversized = -1;
    private boolean lastOversizedByteWasCr;

    /** A framer of CRLF-terminated lines. */
    public LineFramer(int maxBytes) {
        this(maxBytes, false);
    }

    /** A framer of lines ended by CRLF or, when {@code lf}, also by a lone LF. */
    public LineFramer(int maxBytes, boolean lf) {
        this.maxBytes = maxBytes;
        this.lf = lf;
    }

    /**
     * Frames {@code chunks} with a fresh framer into the lines each chunk completes (chunks that complete none are
     * left out); a partial line left at the end is dropped, never emitted.
     */
    public static Multi<List<StreamLine>> frame(Multi<byte[]> chunks, int maxBytes) {
        return frame(chunks, maxBytes, false);
    }

    /** {@link #frame(Multi, int)}, with lines also ended by a lone LF when {@code lf}. */
    public static Multi<List<StreamLine>> frame(Multi<byte[]> chunks, int maxBytes, boolean lf) {
        return Multi.createFrom().deferred(() -> {
            LineFramer framer = new LineFramer(maxBytes, lf);
            return chunks.onItem().transform(framer::feed).select().where(lines -> !lines.isEmpty());
        });
    }

    public List<StreamLine> feed(byte[] chunk) {
        List<StreamLine> lines = List.of();
        int start = 0;
        for (int i = indexOfLf(chunk, 0); i >= 0; i = indexOfLf(chunk, i + 1)) {
            boolean crlf = i > start ? chunk[i - 1] == '\r' : i == 0 ? endsWithCr() : false;
            if (!crlf && !lf) {
                continue;
            }
            if (lines.isEmpty()) {
                lines = new ArrayList<>();
            }
            int end = crlf ? i - 1 : i;
            if (length == 0 && oversized < 0 && end >= start) { // the whole line is in this chunk: one copy
                lines.add(line(chunk, start, end - start));
            } else {
                append(chunk, start, i - start);
                lines.add(take(crlf ? 1 : 0));
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

    /** The line gathered so far, without its last {@code cr} bytes (the CR of a CRLF). */
    private StreamLine take(int cr) {
        if (oversized >= 0) {
            StreamLine tooLong = new StreamLine(StreamLine.Kind.OVERSIZED, new byte[0], oversized - cr);
            oversized = -1;
            return tooLong;
        }
        int size = length - cr;
        length = 0;
        if (size == 0) {
            return StreamLine.KEEP_ALIVE_LINE;
        }
        return new StreamLine(StreamLine.Kind.DATA, Arrays.copyOf(line, size), size);
    }

    /**
     * A capture's lines (ended by CRLF, or also by a lone LF when {@code lf}) at {@code rate} lines a second ({@code 0}:
     * as fast as they are requested), until {@code stopped}; each item holds the lines to handle together.
     */
    public static Multi<List<StreamLine>> paced(Multi<byte[]> chunks, int maxBytes, boolean lf, double rate,
            BooleanSupplier stopped) {
        Multi<List<StreamLine>> lines = frame(chunks, maxBytes, lf).select().first(chunk -> !stopped.getAsBoolean());
        if (rate <= 0) {
            return lines;
        }
        Duration gap = Duration.ofNanos((long) (1e9 / rate));
        return lines.onItem().<StreamLine> disjoint()
                .onItem().call(line -> Uni.createFrom().voidItem().onItem().delayIt().by(gap))
                .select().first(line -> !stopped.getAsBoolean())
                .onItem().transform(List::of);
    }
}
