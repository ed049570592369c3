package dev.pulse.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * CRLF framing over every way a stream can be chunked.
 */
class LineFramerTest {

    private static final String STREAM = "{\"data\":{\"id\":\"1\",\"text\":\"grüße 🚀\"}}\r\n\r\n{\"a\":\n1}\r\n{\"id\":\"3\"}\r\n";

    @Test
    void everySplitPointGivesTheSameLines() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        List<String> expected = List.of("{\"data\":{\"id\":\"1\",\"text\":\"grüße 🚀\"}}", "", "{\"a\":\n1}", "{\"id\":\"3\"}");
        for (int a = 0; a <= bytes.length; a++) {
            for (int b = a; b <= bytes.length; b += 7) {
                LineFramer framer = new LineFramer(1024);
                List<String> lines = new ArrayList<>();
                for (byte[] chunk : List.of(slice(bytes, 0, a), slice(bytes, a, b), slice(bytes, b, bytes.length))) {
                    framer.feed(chunk).forEach(l -> lines.add(new String(l.bytes(), StandardCharsets.UTF_8)));
                }
                assertEquals(expected, lines, "split at " + a + "/" + b);
            }
        }
    }

    @Test
    void oversizedLinesAreReportedNotKept() {
        LineFramer framer = new LineFramer(10);
        List<StreamLine> lines = new ArrayList<>();
        lines.addAll(framer.feed("0123456789ABCDEF".getBytes(StandardCharsets.UTF_8)));
        lines.addAll(framer.feed("GHIJ\r".getBytes(StandardCharsets.UTF_8)));
        lines.addAll(framer.feed("\n{}\r\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(StreamLine.Kind.OVERSIZED, lines.get(0).kind());
        assertEquals(20, lines.get(0).size());
        assertEquals("{}", new String(lines.get(1).bytes(), StandardCharsets.UTF_8));
        List<StreamLine> whole = new LineFramer(10).feed("0123456789ABCDEFGHIJ\r\n0123456789\r\n".getBytes(
                StandardCharsets.UTF_8));
        assertEquals(List.of(StreamLine.Kind.OVERSIZED, StreamLine.Kind.DATA), whole.stream().map(StreamLine::kind)
                .toList());
        assertEquals(List.of(20L, 10L), whole.stream().map(StreamLine::size).toList());
    }

    @Test
    void findsEveryLineFeedWhereverItIs() {
        for (int length = 0; length <= 40; length++) {
            for (int lf = -1; lf < length; lf++) {
                byte[] bytes = new byte[length];
                Arrays.fill(bytes, (byte) 0x8A); // LF | 0x80, and 0x0B (LF + 1) below, must not match
                for (int i = 0; i < length; i += 3) {
                    bytes[i] = 0x0B;
                }
                if (lf >= 0) {
                    bytes[lf] = '\n';
                }
                for (int from = 0; from <= length; from++) {
                    int expected = lf >= from ? lf : -1;
                    assertEquals(expected, LineFramer.indexOfLf(bytes, from), length + "/" + lf + "/" + from);
                }
            }
        }
    }

    @Test
    void chunksFlowOnlyOnDemandAndAPartialLineAtTheEndIsDropped() {
        Multi<byte[]> chunks = Multi.createFrom().items("a\r\nb\r\nc", "\r\n", "d\r", "\ne\r\n", "hal")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        AssertSubscriber<List<StreamLine>> sink = LineFramer.frame(chunks, 100).subscribe()
                .withSubscriber(AssertSubscriber.create(2));
        sink.awaitItems(2);
        assertEquals(2, sink.getItems().size());
        sink.request(10).awaitCompletion();
        assertEquals(List.of(List.of("a", "b"), List.of("c"), List.of("d", "e")), sink.getItems().stream()
                .map(lines -> lines.stream().map(l -> new String(l.bytes(), StandardCharsets.UTF_8)).toList())
                .toList());
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    @Test
    void aFileFramerAlsoEndsLinesAtALoneLf() {
        LineFramer framer = new LineFramer(10, true);
        List<StreamLine> lines = new ArrayList<>(
                framer.feed("{\"a\":1}\n\n{\"b\":2}\r\n{\"c".getBytes(StandardCharsets.UTF_8)));
        lines.addAll(framer.feed("\":3}\n0123456789ABC\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("{\"a\":1}", "", "{\"b\":2}", "{\"c\":3}"),
                lines.subList(0, 4).stream().map(line -> new String(line.bytes(), StandardCharsets.UTF_8)).toList());
        assertEquals(StreamLine.Kind.OVERSIZED, lines.get(4).kind());
        assertEquals(13, lines.get(4).size());
    }
}
