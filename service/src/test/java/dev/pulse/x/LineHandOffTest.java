package dev.pulse.x;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * The hand-off from the receiving thread to the sending thread: order, the end after the lines before it, demand.
 */
class LineHandOffTest {

    private final ExecutorService sender = Executors.newSingleThreadExecutor();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        sender.shutdownNow();
    }

    @Test
    void everyLineInOrderThenTheFailureBehindThem() {
        Multi<byte[]> chunks = Multi.createFrom().items("p1\r\np", "2\r\n", "p3\r\np4\r\npartial")
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .onCompletion().failWith(() -> new XStreamException(XStreamException.Cause.NETWORK, "reset"));
        AssertSubscriber<Integer> out = LineHandOff.of(chunks, new LineFramer(100)::feed, this::handle, sender, 2)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        out.awaitFailure(Duration.ofSeconds(5));
        assertEquals(List.of("p1", "p2", "p3", "p4"), seen);
        assertEquals(4, out.getItems().stream().mapToInt(Integer::intValue).sum());
        assertTrue(out.getFailure().getMessage().contains("reset"));
    }

    @Test
    void neverMoreThanAheadItemsRequestedBeyondThoseHandled() {
        AtomicLong requested = new AtomicLong();
        AtomicLong handled = new AtomicLong();
        AtomicLong worst = new AtomicLong();
        Multi<byte[]> chunks = Multi.createFrom().range(0, 5_000)
                .map(i -> ("post-" + i + "\r\n").getBytes(StandardCharsets.UTF_8))
                .onRequest().invoke(n -> worst.accumulateAndGet(requested.addAndGet(n) - handled.get(), Math::max));
        AssertSubscriber<Integer> out = LineHandOff.of(chunks, new LineFramer(100)::feed, lines -> {
            handled.addAndGet(lines.size());
            lines.forEach(line -> seen.add(new String(line.bytes(), StandardCharsets.UTF_8)));
        }, sender, 8).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        out.awaitCompletion(Duration.ofSeconds(10));
        assertEquals(5_000, seen.size());
        assertEquals("post-4999", seen.get(4_999));
        assertTrue(worst.get() <= 8, "requested ahead of the handled items: " + worst.get());
    }

    @Test
    void aHandlerFailureEndsTheStreamAndCancelsTheUpstream() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Multi<byte[]> chunks = Multi.createFrom().<byte[]> emitter(emitter -> {
            emitter.emit("p1\r\nstop\r\np2\r\n".getBytes(StandardCharsets.UTF_8));
            emitter.onTermination(() -> cancelled.set(true));
        });
        AssertSubscriber<Integer> out = LineHandOff.of(chunks, new LineFramer(100)::feed, lines -> {
            for (StreamLine line : lines) {
                String text = new String(line.bytes(), StandardCharsets.UTF_8);
                if (text.equals("stop")) {
                    throw new XStreamException(XStreamException.Cause.NETWORK, "X ended the connection");
                }
                seen.add(text);
            }
        }, sender, 4).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        out.awaitFailure(Duration.ofSeconds(5));
        assertEquals(List.of("p1"), seen);
        assertTrue(cancelled.get());
        assertEquals(List.of(), out.getItems());
    }

    private void handle(List<StreamLine> lines) {
        List<String> texts = new ArrayList<>();
        lines.forEach(line -> texts.add(new String(line.bytes(), StandardCharsets.UTF_8)));
        seen.addAll(texts);
    }
}
