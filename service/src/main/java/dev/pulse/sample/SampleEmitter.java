package dev.pulse.sample;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import dev.pulse.kafka.ChannelProducer;
import dev.pulse.kafka.TopicsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

/**
 * The static-data emitter: channel {@code sample} → topic {@code sample}. Each start queues a {@link SampleRun};
 * runs are sent one after another with the connector's demand, so nothing overflows at any pace. A run at
 * {@code interval=0} hands its records to the channel's producer itself (bulk), blocking while its buffer is full.
 */
@ApplicationScoped
public class SampleEmitter {

    static final String CHANNEL = "sample";
    private static final Logger LOG = Logger.getLogger(SampleEmitter.class);

    private final UnicastProcessor<SampleRun> runs = UnicastProcessor.create();
    private final SampleConfig config;
    private final DatasetReader reader;
    private final ResumePoint resumePoint;
    private final String topic;
    private final ChannelProducer producer;
    private final Counter emittedCounter;
    private volatile SampleRun current;

    SampleEmitter(SampleConfig config, DatasetReader reader, ResumePoint resumePoint, TopicsConfig topics,
            ChannelProducer producer, MeterRegistry registry) {
        this.producer = producer;
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

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start(config.count(), config.interval(), config.resume());
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
                () -> resume ? resumePoint.next(topic, dataset) : 0, emittedCounter::increment,
                () -> producer.unwrap(CHANNEL));
        runs.onNext(current);
        return Optional.of(current.status());
    }

    /** Before the channel's producer closes: a bulk run stops handing it records (those handed over are flushed). */
    void onShutdown(@Observes ShutdownEvent event) throws InterruptedException {
        SampleRun run = current;
        if (run != null && run.active()) {
            run.stop();
            if (!run.awaitDirectSends(Duration.ofSeconds(10))) {
                LOG.warn("Emitter still sending after 10 s of shutdown");
            }
        }
    }

    public synchronized SampleStatus stop() {
        if (current == null) {
            return idle();
        }
        current.stop();
        return current.status();
    }

    public SampleStatus status() {
        SampleRun run = current;
        return run == null ? idle() : run.status();
    }

    private SampleStatus idle() {
        return new SampleStatus("idle", config.dataset(), topic, 0, 0, 0, null, null, 0, null, null);
    }
}
