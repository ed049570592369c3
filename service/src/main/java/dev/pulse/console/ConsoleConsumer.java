package dev.pulse.console;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import dev.pulse.live.LiveFeed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The console consumer: channel {@code console} reads topics {@code sample} and {@code tweets} (group
 * {@code pulse-console}, from the earliest offset) and logs one line per record. A poison record (value not
 * UTF-8 or not JSON) is shown escaped and then nacked, so the channel's failure strategy
 * ({@code pulse.console.failure-strategy}) skips it or moves it to {@code <topic>.dlq}; it never stalls a partition.
 * Every line also goes to the web page's live feed.
 */
@ApplicationScoped
public class ConsoleConsumer {

    private static final Logger LOG = Logger.getLogger("pulse.console");
    /** Records read per topic (tag {@code topic}); the web page's rates are read from it too. */
    public static final String CONSUMED = "pulse.records.consumed";

    private final RecordFormatter formatter;
    private final MeterRegistry registry;
    private final LiveFeed live;
    private final ConcurrentMap<String, Counter> consumed = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> poison = new ConcurrentHashMap<>();

    ConsoleConsumer(RecordFormatter formatter, MeterRegistry registry, LiveFeed live) {
        this.formatter = formatter;
        this.registry = registry;
        this.live = live;
    }

    @Incoming("console")
    CompletionStage<Void> show(KafkaRecord<byte[], byte[]> record) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getOffset()).orElse(-1L);
        String problem;
        try {
            RecordFormatter.Shown shown = formatter.render(record.getTopic(), record.getPartition(), offset,
                    record.getKey(), record.getPayload());
            LOG.info(shown.line());
            live.add(record.getTopic(), record.getPartition(), offset, shown.line());
            problem = shown.problem();
        } catch (RuntimeException e) {
            problem = "could not be shown: " + e;
        }
        count(consumed, CONSUMED, "Records read by the console consumer", record.getTopic());
        if (problem == null) {
            return record.ack();
        }
        count(poison, "pulse.records.poison", "Poison records (not UTF-8, not JSON) skipped or dead-lettered",
                record.getTopic());
        // the dead-letter strategy sends to the topic of this metadata; the ignore strategy only logs and acks
        return record.nack(new PoisonRecordException(record.getTopic(), record.getPartition(), offset, problem),
                Metadata.of(OutgoingKafkaRecordMetadata.builder()
                        .withTopic(ConsoleConfig.deadLetterTopic(record.getTopic())).build()));
    }

    private void count(ConcurrentMap<String, Counter> counters, String name, String description, String topic) {
        counters.computeIfAbsent(topic, t -> Counter.builder(name).description(description).tag("topic", t)
                .register(registry)).increment();
    }
}
