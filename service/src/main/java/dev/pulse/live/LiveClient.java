package dev.pulse.live;

import java.util.ArrayDeque;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * One browser's view of a live stream: a queue of at most {@code capacity} events, emitted as the client asks for
 * them. When the client reads slower than events come, the oldest queued events are dropped and the records they held
 * counted, so a slow or stuck client costs a bounded amount of memory and never slows the others; the next event it
 * gets says how many records it lost ({@code "dropped"}).
 */
final class LiveClient {

    private record Queued(String json, int records) {
    }

    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final int capacity;
    private final Counter droppedRecords;
    private MultiEmitter<? super String> emitter;
    private long dropped;

    private LiveClient(int capacity, Counter droppedRecords) {
        this.capacity = capacity;
        this.droppedRecords = droppedRecords;
    }

    /**
     * A stream of this client's events; {@code onStart} receives the client once it is subscribed, {@code onEnd}
     * once it cancelled or the stream ended.
     */
    static Multi<String> stream(int capacity, Counter droppedRecords, Consumer<LiveClient> onStart,
            Consumer<LiveClient> onEnd) {
        return Multi.createFrom().emitter(emitter -> {
            LiveClient client = new LiveClient(capacity, droppedRecords);
            synchronized (client) {
                client.emitter = emitter;
            }
            emitter.onRequest(n -> client.drain());
            emitter.onTermination(() -> onEnd.accept(client));
            onStart.accept(client);
        });
    }

    /**
     * Queues an event (a JSON object) standing for {@code records} records; drops the oldest queued one when full.
     */
    void offer(String json, int records) {
        synchronized (this) {
            if (queue.size() == capacity) {
                Queued lost = queue.removeFirst();
                dropped += lost.records();
                droppedRecords.increment(lost.records());
            }
            queue.addLast(new Queued(json, records));
        }
        drain();
    }

    /** Ends the stream (the service stops). */
    void complete() {
        MultiEmitter<? super String> target;
        synchronized (this) {
            target = emitter;
        }
        if (target != null) {
            target.complete();
        }
    }

    private void drain() {
        while (true) {
            String next;
            MultiEmitter<? super String> target;
            synchronized (this) {
                target = emitter;
                if (target == null || target.isCancelled() || target.requested() <= 0 || queue.isEmpty()) {
                    return;
                }
                next = queue.removeFirst().json();
                if (dropped > 0) {
                    // the event is a JSON object: the count goes in as its first member
                    next = "{\"dropped\":" + dropped + (next.length() > 2 ? "," : "") + next.substring(1);
                    dropped = 0;
                }
                // emitting inside the lock keeps this client's events in order when two threads drain at once
                target.emit(next);
            }
        }
    }
}
