package dev.pulse.source;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import dev.pulse.kafka.FailureLogPace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The counters every live source keeps, for its status endpoint and as {@code pulse_<source>_*} metrics, and the
 * channel messages whose acknowledgements they count. The per-record counters are metrics that read these fields (a
 * meter call per post was ~40% of the producer's network thread in the X ingest, JFR); only tagged counters (an
 * error type, a reconnect cause, a skip reason) are looked up, by tag.
 */
public abstract class SourceStats {

    public final AtomicLong received = new AtomicLong();
    public final AtomicLong published = new AtomicLong();
    public final AtomicLong duplicates = new AtomicLong();
    public final AtomicLong reconnects = new AtomicLong();
    /** The back-off before the next connection, 0 while connected or stopped. */
    private final AtomicLong backoffMillis = new AtomicLong();
    /** Records Kafka did not acknowledge, and when to log the next of them. */
    private final AtomicLong notPublished = new AtomicLong();
    private final FailureLogPace failureLog = new FailureLogPace();
    private final ConcurrentMap<String, Counter> tagged = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final String prefix;
    private final String source;
    private final String noun;
    private final Logger log = Logger.getLogger(getClass());

    /**
     * @param name the metrics' middle name: {@code pulse.<name>.received}, ...
     * @param source how log lines name the source, e.g. {@code X stream}
     * @param noun what a record is, plural, e.g. {@code posts}
     */
    protected SourceStats(MeterRegistry registry, String name, String source, String noun) {
        this.registry = registry;
        this.prefix = "pulse." + name + ".";
        this.source = source;
        this.noun = noun;
        count("received", received);
        count("published", published);
        count("duplicates", duplicates);
        gauge("backoff.seconds", backoffMillis, v -> v.get() / 1000.0);
    }

    /** The back-off now running before the next connection; {@link Duration#ZERO} once connected or ended. */
    public void backingOff(Duration wait) {
        backoffMillis.set(wait.toMillis());
    }

    /** What a record is, plural, e.g. {@code posts}. */
    String noun() {
        return noun;
    }

    /** A connection ended with {@code failure} and another one follows. */
    public void reconnect(Throwable failure) {
        reconnects.incrementAndGet();
    }

    /** A counter metric {@code pulse.<name>.<metric>} that reads {@code value} when scraped. */
    protected final void count(String metric, AtomicLong value) {
        FunctionCounter.builder(prefix + metric, value, AtomicLong::doubleValue).register(registry);
    }

    /** A gauge {@code pulse.<name>.<metric>} computed from {@code value} when scraped. */
    protected final void gauge(String metric, AtomicLong value, ToDoubleFunction<AtomicLong> f) {
        registry.gauge(prefix + metric, value, f);
    }

    /** Increments the counter {@code pulse.<name>.<metric>{<tag>=<value>}}. */
    protected final void increment(String metric, String tag, String value) {
        tagged.computeIfAbsent(metric + '\0' + value, k -> registry.counter(prefix + metric, tag, value)).increment();
    }

    /**
     * A record for the source's channel: counted as published once Kafka acknowledged it. A refusal is counted and
     * logged, the first and then at most one line per 10 s (no flood in a broker outage); the stream goes on.
     */
    public Message<byte[]> message(byte[] value, String key, Headers headers) {
        Metadata metadata = Metadata.of(OutgoingKafkaRecordMetadata.<String> builder().withKey(key)
                .withHeaders(headers).build());
        return Message.of(value, metadata, this::acked, failure -> nacked(key, failure));
    }

    private CompletionStage<Void> acked() {
        published.incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }

    private CompletionStage<Void> nacked(String key, Throwable failure) {
        long n = notPublished.incrementAndGet();
        if (failureLog.due(n)) {
            log.errorf("%s: Kafka did not acknowledge %s: %s (%d %s not published so far)", source, key,
                    failure.getMessage(), n, noun);
        }
        return CompletableFuture.completedFuture(null);
    }
}
