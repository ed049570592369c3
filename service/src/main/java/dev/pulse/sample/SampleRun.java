package dev.pulse.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import dev.pulse.kafka.FailureLogPace;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * One pass of the static-data emitter over its data set, as messages for channel {@code sample}: pacing, stop,
 * acknowledgement counts and progress. The channel's demand paces a run at interval 0: the data set is read only as
 * fast as the connector asks for records ({@code max-inflight-messages}).
 */
final class SampleRun {

    enum State {
        STARTING,
        RUNNING,
        COMPLETED,
        STOPPED,
        FAILED
    }

    private static final Logger LOG = Logger.getLogger(SampleRun.class);
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
    /**
     * Records read from the data set per worker task: the connector asks for one record per ack, and each request on
     * a {@code runSubscriptionOn} stream is a task of its own.
     */
    private static final int READ_BATCH = 256;

    private final String dataset;
    private final String topic;
    private final Duration interval;
    private final Supplier<Dataset> source;
    private final LongSupplier resumeAt;
    private final Runnable onAck;
    private final AtomicLong position = new AtomicLong();
    private final byte[] datasetHeader;
    private volatile long resumedFrom;
    private final CompletableFuture<Void> stopSignal = new CompletableFuture<>();
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong();
    private final FailureLogPace failureLog = new FailureLogPace();
    private final Instant startedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private volatile long endNanos;
    private volatile long total = -1;
    private volatile State state = State.STARTING;
    private volatile String lastError;

    SampleRun(String dataset, String topic, Duration interval, Supplier<Dataset> source, LongSupplier resumeAt,
            Runnable onAck) {
        this.dataset = dataset;
        this.topic = topic;
        this.interval = interval;
        this.source = source;
        this.resumeAt = resumeAt;
        this.onAck = onAck;
        this.datasetHeader = dataset.getBytes(StandardCharsets.UTF_8);
        lastLog.set(startNanos);
    }

    /** The run's records as messages; never fails (a bad data set ends the run in {@link State#FAILED}). */
    Multi<Message<String>> messages() {
        Multi<SampleRecord> records = Multi.createFrom().<List<SampleRecord>> deferred(() -> {
            Dataset data = open();
            return Multi.createFrom().<SampleRecord> iterable(() -> data).group().intoLists().of(READ_BATCH)
                    .onTermination().invoke(data::close);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).onItem().disjoint();
        if (!interval.isZero()) {
            records = records.onItem().call(r -> emitted.get() == 0 ? Uni.createFrom().voidItem() : pause());
        }
        return ending(records.select().first(r -> !stopSignal.isDone()).map(this::toMessage));
    }

    private Dataset open() {
        Dataset data = source.get();
        total = data.size();
        long skip = Math.min(resumeAt.getAsLong(), total);
        for (long i = 0; i < skip && data.hasNext(); i++) {
            data.next();
        }
        position.set(skip);
        resumedFrom = skip;
        if (stopSignal.isDone()) {
            return data; // stopped before it began (its owner handed it over): it ends at once, as stopped
        }
        state = State.RUNNING;
        if (skip > 0) {
            LOG.infof("Resuming %s at record %d of %d: the topic %s already holds the ones before", dataset, skip,
                    total, topic);
        }
        LOG.infof("Emitting %d records of %s to topic %s, one every %s", total - skip, dataset, topic, interval);
        return data;
    }

    private Multi<Message<String>> ending(Multi<Message<String>> run) {
        return run.onCompletion().invoke(this::ended)
                .onFailure().invoke(this::failed)
                .onFailure().recoverWithCompletion();
    }

    boolean active() {
        return state == State.STARTING || state == State.RUNNING;
    }

    void stop() {
        if (active()) {
            state = State.STOPPED;
            endNanos = System.nanoTime();
            LOG.infof("Emitter stopped after %d records (%d acknowledged)", emitted.get(), acknowledged.get());
        }
        stopSignal.complete(null);
    }

    /**
     * Waits, at most {@code wait}, until Kafka has answered for every record the run emitted: after a stop, the next
     * owner continues from what the topic holds.
     */
    boolean awaitAnswered(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (acknowledged.get() + failed.get() < emitted.get()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    SampleStatus status() {
        long end = endNanos == 0 ? System.nanoTime() : endNanos;
        double seconds = Math.max(1e-9, (end - startNanos) / 1e9);
        double rate = Math.round(acknowledged.get() / seconds * 10) / 10.0;
        return new SampleStatus(state.name().toLowerCase(), dataset, topic, emitted.get(), acknowledged.get(),
                failed.get(), total < 0 ? null : total, resumedFrom > 0 ? resumedFrom : null, rate,
                startedAt.toString(), lastError);
    }

    private Uni<Void> pause() {
        return Uni.createFrom().completionStage(stopSignal.copy()).ifNoItem().after(interval).recoverWithItem((Void) null)
                .replaceWithVoid();
    }

    private Message<String> toMessage(SampleRecord record) {
        Metadata metadata = Metadata.of(OutgoingKafkaRecordMetadata.<String> builder().withKey(record.key())
                .withHeaders(headers()).build());
        return Message.of(record.json(), metadata, this::acked, this::nacked);
    }

    /** The next record's headers: where it comes from and its place in the data set (for resume). */
    private RecordHeaders headers() {
        emitted.incrementAndGet();
        RecordHeaders headers = new RecordHeaders();
        headers.add(ResumePoint.SOURCE, ResumePoint.EMITTER_BYTES);
        headers.add(ResumePoint.DATASET, datasetHeader);
        headers.add(ResumePoint.SEQ, Long.toString(position.getAndIncrement()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private CompletionStage<Void> acked() {
        long n = acknowledged.incrementAndGet();
        onAck.run();
        long now = System.nanoTime();
        long last = lastLog.get();
        boolean tenth = total > 0 && n * 10 / total != (n - 1) * 10 / total;
        if ((tenth || now - last >= LOG_EVERY_NANOS) && lastLog.compareAndSet(last, now)) {
            double rate = n / Math.max(1e-9, (now - startNanos) / 1e9);
            LOG.infof("Emitter progress: %d/%d acknowledged (%d%%), %.1f records/s", n, total,
                    total > 0 ? n * 100 / total : 0, rate);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Counts a record Kafka did not take; logs the first and then at most one line per 10 s (no flood). */
    private CompletionStage<Void> nacked(Throwable reason) {
        long n = failed.incrementAndGet();
        lastError = "Kafka did not acknowledge a record: " + reason.getMessage();
        if (failureLog.due(n)) {
            LOG.errorf("Emitter: Kafka did not acknowledge %d record(s) of %s so far, the latest: %s", n, dataset,
                    reason.getMessage());
        }
        return CompletableFuture.completedFuture(null);
    }

    private void ended() {
        if (state == State.RUNNING || state == State.STARTING) {
            state = State.COMPLETED;
            endNanos = System.nanoTime();
            LOG.infof("Emitter completed: %d records of %s handed to Kafka", emitted.get(), dataset);
        }
    }

    private void failed(Throwable error) {
        state = State.FAILED;
        endNanos = System.nanoTime();
        lastError = error.getMessage();
        LOG.errorf("Emitter failed: %s", error.getMessage());
    }
}
