package dev.pulse.sample;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import dev.pulse.kafka.TopicsConfig;
import dev.pulse.owner.OwnedSource;
import dev.pulse.owner.SourceId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

/**
 * The static-data emitter: channel {@code sample} → topic {@code sample}. Each start queues a {@link SampleRun};
 * runs are sent one after another with the connector's demand, so nothing overflows at any pace, and a run at
 * {@code interval=0} goes as fast as Kafka acknowledges.
 */
@ApplicationScoped
public class SampleEmitter implements OwnedSource<SampleStatus> {

    private static final Logger LOG = Logger.getLogger(SampleEmitter.class);

    static final String CHANNEL = "sample";
    private static final SourceId ID = new SourceId("sample", CHANNEL, 0);

    private final UnicastProcessor<SampleRun> runs = UnicastProcessor.create();
    private final SampleConfig config;
    private final DatasetReader reader;
    private final ResumePoint resumePoint;
    private final String topic;
    private final Counter emittedCounter;
    private volatile SampleRun current;

    SampleEmitter(SampleConfig config, DatasetReader reader, ResumePoint resumePoint, TopicsConfig topics,
            MeterRegistry registry) {
        this.config = config;
        this.reader = reader;
        this.resumePoint = resumePoint;
        this.topic = topics.sample();
        this.emittedCounter = Counter.builder("pulse.records.emitted")
                .description("Records of the static-data emitter acknowledged by Kafka")
                .tag("topic", topic).register(registry);
    }

    @Outgoing(CHANNEL)
    Multi<Message<String>> records() {
        return runs.onItem().transformToMultiAndConcatenate(SampleRun::messages);
    }

    @Override
    public SourceId id() {
        return ID;
    }

    @Override
    public boolean active() {
        SampleRun run = current;
        return run != null && run.active();
    }

    @Override
    public void check(Map<String, String> params) {
        SampleParams.parse(params, config);
    }

    /** Starts a run; a takeover always resumes, after the last record of the data set that the topic holds. */
    @Override
    public Optional<SampleStatus> start(Map<String, String> params, boolean takeover) {
        SampleParams run = SampleParams.parse(params, config);
        return start(run.count(), run.interval(), takeover || run.resume());
    }

    /** Start-up's run, when {@code pulse.sample.enabled}. */
    @Override
    public void startConfigured() {
        if (config.enabled()) {
            start(config.count(), config.interval(), config.resume());
        }
    }

    @Override
    public void release() {
        SampleRun run = current;
        stop();
        try {
            if (run != null && !run.awaitAnswered(Duration.ofSeconds(10))) {
                LOG.warn("Emitter handed over with records still unanswered by Kafka after 10 s: the next owner may"
                        + " send some of them again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts a run with the given record count and pace, from the data set's first record or, with {@code resume},
     * after the last one the topic holds; empty when a run is already going.
     */
    public synchronized Optional<SampleStatus> start(OptionalLong count, Duration interval, boolean resume) {
        if (current != null && current.active()) {
            return Optional.empty();
        }
        String dataset = config.dataset();
        current = new SampleRun(dataset, topic, interval, () -> reader.open(dataset, count, config.keyField()),
                () -> resume ? resumePoint.next(topic, dataset) : 0, emittedCounter::increment);
        runs.onNext(current);
        return Optional.of(current.status());
    }

    @Override
    public synchronized SampleStatus stop() {
        if (current == null) {
            return idle();
        }
        current.stop();
        return current.status();
    }

    @Override
    public SampleStatus status() {
        SampleRun run = current;
        return run == null ? idle() : run.status();
    }

    private SampleStatus idle() {
        return new SampleStatus("idle", config.dataset(), topic, 0, 0, 0, null, null, 0, null, null);
    }
}
