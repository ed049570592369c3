package dev.pulse.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.console.ConsoleConsumer;
import dev.pulse.kafka.TopicsConfig;
import dev.pulse.source.LiveSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;

/**
 * What the web page shows live, fed by the console consumer: the newest records ({@code GET /live/records}) and records
 * per second per topic ({@code GET /live/rates}, read from the console's {@code pulse.records.consumed} counters). One
 * broadcast for every browser tab, never a Kafka consumer per tab: every {@value #TICK_MS} ms the records that arrived
 * are rendered once (the newest {@value #RECORDS_PER_TICK}, the others only counted) and handed to each client's
 * bounded queue ({@link LiveClient}).
 */
@ApplicationScoped
public class LiveFeed {

    static final long TICK_MS = 250;
    /** A person reads a handful of lines a second: at higher rates the tail is a sample of the newest records. */
    static final int RECORDS_PER_TICK = 50;
    /** Events a slow client may have waiting before the oldest is dropped: 8 s of the tail, 30 s of rates. */
    static final int QUEUE_EVENTS = 32;
    /** Seconds of rates a page gets when it connects: the chart's five minutes. */
    static final int HISTORY_SECONDS = 300;

    /** One tail entry: the console line and where the record is. */
    @RegisterForReflection // written by Jackson at run time
    public record Shown(String topic, int partition, long offset, String line) {
    }

    @RegisterForReflection // written by Jackson at run time
    record Tail(List<Shown> records, long unshown) {
    }

    @RegisterForReflection // written by Jackson at run time
    record Rates(long time, Map<String, Long> rates) {
    }

    @RegisterForReflection // written by Jackson at run time
    record Start(List<String> topics, List<String> sources, List<Rates> history) {
    }

    private final ObjectMapper json;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final Counter dropped;
    private final Set<LiveClient> recordClients = new CopyOnWriteArraySet<>();
    private final Set<LiveClient> rateClients = new CopyOnWriteArraySet<>();
    /** Per topic, the console's consumed count at the last second: the configured topics first, others as they come. */
    private final Map<String, Double> lastCounts = new LinkedHashMap<>();
    private final ArrayDeque<Shown> newest = new ArrayDeque<>(RECORDS_PER_TICK);
    private final ArrayDeque<Rates> history = new ArrayDeque<>(HISTORY_SECONDS);
    /** The status paths of the sources this Pulse has, for the page's source cards. */
    private final List<String> sources = new ArrayList<>(List.of("sample"));
    private long unshown;
    private long timer = -1;
    private int ticks;

    LiveFeed(ObjectMapper json, Vertx vertx, TopicsConfig topics, Instance<LiveSource> liveSources,
            MeterRegistry registry) {
        this.json = json;
        this.vertx = vertx;
        this.registry = registry;
        this.dropped = Counter.builder("pulse.live.dropped")
                .description("Records not sent to a web page that read too slowly (its oldest queued events)")
                .register(registry);
        Gauge.builder("pulse.live.clients", recordClients, Set::size)
                .description("Web pages following the record tail").register(registry);
        lastCounts.put(topics.sample(), 0.0);
        for (LiveSource source : liveSources) {
            lastCounts.put(source.topic(), 0.0);
            sources.add(source.path());
        }
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(TICK_MS, id -> tick());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        recordClients.forEach(LiveClient::complete);
        rateClients.forEach(LiveClient::complete);
    }

    /** While a page follows the tail, keeps a consumed record as one of the newest. */
    public void add(String topic, int partition, long offset, String line) {
        if (recordClients.isEmpty()) {
            return;
        }
        Shown shown = new Shown(topic, partition, offset, line);
        synchronized (newest) {
            if (newest.size() == RECORDS_PER_TICK) {
                newest.removeFirst();
                unshown++;
            }
            newest.addLast(shown);
        }
    }

    /** The tail: an event per tick with new records, {@code {"records":[...],"unshown":n}}. */
    public Multi<String> records() {
        return LiveClient.stream(QUEUE_EVENTS, dropped, recordClients::add, recordClients::remove);
    }

    /** Records per second per topic: the topics, sources and last five minutes first, then an event a second. */
    public Multi<String> rates() {
        return LiveClient.stream(QUEUE_EVENTS, dropped, client -> {
            Start start;
            synchronized (history) {
                start = new Start(List.copyOf(lastCounts.keySet()), sources, List.copyOf(history));
                rateClients.add(client);
            }
            client.offer(write(start), 0);
        }, rateClients::remove);
    }

    private void tick() {
        List<Shown> batch;
        long skipped;
        synchronized (newest) {
            batch = newest.isEmpty() ? List.of() : new ArrayList<>(newest);
            newest.clear();
            skipped = unshown;
            unshown = 0;
        }
        if (!batch.isEmpty() || skipped > 0) {
            String event = write(new Tail(batch, skipped));
            recordClients.forEach(client -> client.offer(event, batch.size()));
        }
        if (++ticks % (1000 / TICK_MS) == 0) {
            second();
        }
    }

    private void second() {
        Map<String, Long> rates = new LinkedHashMap<>();
        String event;
        synchronized (history) {
            // the rates come from the console consumer's own per-topic counters, not from a second count
            Map<String, Double> now = new HashMap<>();
            registry.find(ConsoleConsumer.CONSUMED).counters()
                    .forEach(counter -> now.put(counter.getId().getTag("topic"), counter.count()));
            now.keySet().forEach(topic -> lastCounts.putIfAbsent(topic, 0.0));
            lastCounts.replaceAll((topic, before) -> {
                double count = now.getOrDefault(topic, before);
                rates.put(topic, Math.round(count - before));
                return count;
            });
            Rates point = new Rates(System.currentTimeMillis(), rates);
            if (history.size() == HISTORY_SECONDS) {
                history.removeFirst();
            }
            history.addLast(point);
            event = write(point);
        }
        rateClients.forEach(client -> client.offer(event, 0));
    }

    private String write(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a live event", e);
        }
    }
}
