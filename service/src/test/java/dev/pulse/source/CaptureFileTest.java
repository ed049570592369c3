package dev.pulse.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * A capture replays line by line, bundled or from a file, paced or not, and stops when asked.
 */
class CaptureFileTest {

    @Test
    void theBundledBlueskyCaptureIsFourHundredEvents() {
        CaptureFile capture = new CaptureFile(Optional.empty(), "bluesky/replay-sample.ndjson", "test.key");
        List<StreamLine> lines = LineFramer.paced(capture.chunks(), 1 << 20, true, 0, () -> false)
                .onItem().<StreamLine> disjoint()
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE))
                .awaitCompletion(Duration.ofSeconds(10)).getItems();
        assertEquals(400, lines.size());
        assertTrue(lines.stream().allMatch(line -> line.kind() == StreamLine.Kind.DATA && line.bytes()[0] == '{'));
    }

    @Test
    void aPacedReplayStopsWhenAsked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("capture.ndjson");
        Files.writeString(file, "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n{\"n\":4}\n");
        CaptureFile capture = new CaptureFile(Optional.of(file.toString()), "none", "test.key");
        boolean[] stopped = { false };
        List<List<StreamLine>> lines = LineFramer.paced(capture.chunks(), 1024, true, 100, () -> stopped[0])
                .onItem().invoke(line -> stopped[0] = true)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE))
                .awaitCompletion(Duration.ofSeconds(10)).getItems();
        assertEquals(1, lines.size(), "the lines after the stop are not replayed");
    }
}
