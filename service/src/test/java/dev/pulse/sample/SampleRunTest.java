package dev.pulse.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Channel logic of one emitter run, without a broker: demand, acknowledgement counts and a failing data set.
 */
class SampleRunTest {

    @Test
    void emitsOnlyWhatIsRequestedAndCountsAcks() {
        AtomicInteger acks = new AtomicInteger();
        SampleRun run = new SampleRun("numbers", "sample", Duration.ZERO, () -> new NumbersDataset(10, false),
                () -> 0, acks::incrementAndGet);
        AssertSubscriber<Message<String>> sink = run.messages().subscribe().withSubscriber(AssertSubscriber.create(4));
        sink.awaitItems(4);
        assertEquals(4, run.status().emitted());
        sink.getItems().forEach(Message::ack);
        assertEquals(4, run.status().acknowledged());
        sink.request(100).awaitCompletion();
        assertEquals(10, sink.getItems().size());
        assertEquals("completed", run.status().state());
        assertEquals(4, acks.get());
    }

    @Test
    void resumeSkipsWhatTheTopicHoldsAndNumbersTheRest() {
        SampleRun run = new SampleRun("numbers", "sample", Duration.ZERO, () -> new NumbersDataset(10, false),
                () -> 7, () -> {
                });
        AssertSubscriber<Message<String>> sink = run.messages().subscribe().withSubscriber(AssertSubscriber.create(10));
        sink.awaitCompletion();
        assertEquals(List.of("{\"number\":7}", "{\"number\":8}", "{\"number\":9}"),
                sink.getItems().stream().map(Message::getPayload).toList());
        var headers = sink.getItems().get(0)
                .getMetadata(OutgoingKafkaRecordMetadata.class)
                .orElseThrow().getHeaders();
        assertEquals("7", new String(headers.lastHeader("pulse-seq").value()));
        assertEquals("sample-emitter", new String(headers.lastHeader("pulse-source").value()));
        assertEquals(7L, run.status().resumedFrom());
        assertEquals(10L, run.status().total());
    }

    @Test
    void badDatasetEndsTheRunNotTheChannel() {
        SampleRun run = new SampleRun("bad.csv", "sample", Duration.ZERO, () -> {
            throw new DatasetException("bad.csv", 3, "has 1 fields, the header has 2");
        }, () -> 0, () -> {
        });
        AssertSubscriber<Message<String>> sink = run.messages().subscribe().withSubscriber(AssertSubscriber.create(10));
        sink.awaitCompletion();
        assertEquals(List.of(), sink.getItems());
        assertEquals("failed", run.status().state());
        assertEquals("dataset bad.csv line 3: has 1 fields, the header has 2", run.status().lastError());
    }

    @Test
    void stopEndsAPausedRunAtOnce() {
        SampleRun run = new SampleRun("numbers", "sample", Duration.ofHours(1), () -> new NumbersDataset(10, false),
                () -> 0, () -> {
                });
        AssertSubscriber<Message<String>> sink = run.messages().subscribe().withSubscriber(AssertSubscriber.create(10));
        sink.awaitItems(1);
        run.stop();
        sink.awaitCompletion(Duration.ofSeconds(5));
        assertEquals(1, sink.getItems().size());
        assertEquals("stopped", run.status().state());
    }
}
