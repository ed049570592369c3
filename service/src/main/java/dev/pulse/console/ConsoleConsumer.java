package dev.pulse.console;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The console consumer: channel {@code console} reads topic {@code sample} (group {@code pulse-console}, from the
 * earliest offset) and logs one line per record. It never throws, so no record can stall a partition.
 */
@ApplicationScoped
public class ConsoleConsumer {

    private static final Logger LOG = Logger.getLogger("pulse.console");

    private final RecordFormatter formatter;
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> consumed = new ConcurrentHashMap<>();

    ConsoleConsumer(RecordFormatter formatter, MeterRegistry registry) {
        this.formatter = formatter;
        this.registry = registry;
    }

    @Incoming("console")
    void show(ConsumerRecord<byte[], byte[]> record) {
        try {
            LOG.info(formatter.format(record.topic(), record.partition(), record.offset(), record.key(), record.value()));
        } catch (RuntimeException e) {
            LOG.errorf("Could not show %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e);
        }
        consumed.computeIfAbsent(record.topic(), topic -> Counter.builder("pulse.records.consumed")
                .description("Records read by the console consumer")
                .tag("topic", topic).register(registry)).increment();
    }
}
