package dev.pulse.x;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.smallrye.mutiny.subscription.MultiSubscriber;

/**
 * Hands a stream's lines from the thread that receives them (a live stream's event loop) to the sending thread, in
 * batches. Each item is cut into lines where it arrives; the sending thread takes every line that piled up since its
 * last run, handles them in order, and only then asks for as many items as it took, so at most {@code ahead} items are
 * ever waiting (back-pressure). A failure or the end of the stream comes after the lines received before it. The
 * resulting stream's items are the numbers of lines handled per run; a handler that throws ends it with that failure.
 * <p>
 * Why not Mutiny operators: an X stream arrives in HTTP chunks of a few KB (bench/run: 3.9 KB, ~4 posts), and each
 * operator on a chunk cost a context-propagation wrapper (CDI request context on, off) and {@code emitOn} a hand-off
 * of its own; here a chunk costs its framing and a list append.
 */
final class LineHandOff<T> implements MultiSubscriber<T> {

    private final Function<T, List<StreamLine>> framing;
    private final Consumer<List<StreamLine>> handler;
    private final Executor sender;
    private final int ahead;
    private final MultiEmitter<? super Integer> downstream;
    private final AtomicInteger work = new AtomicInteger();
    private List<StreamLine> pending = new ArrayList<>(); // these four: guarded by this
    private int items;
    private Throwable failure;
    private boolean completed;
    private volatile Flow.Subscription upstream;
    private volatile boolean done;

    private LineHandOff(Function<T, List<StreamLine>> framing, Consumer<List<StreamLine>> handler, Executor sender,
            int ahead, MultiEmitter<? super Integer> downstream) {
        this.framing = framing;
        this.handler = handler;
        this.sender = sender;
        this.ahead = ahead;
        this.downstream = downstream;
    }

    static <T> Multi<Integer> of(Multi<T> items, Function<T, List<StreamLine>> framing,
            Consumer<List<StreamLine>> handler, Executor sender, int ahead) {
        return Multi.createFrom().emitter(emitter -> {
            LineHandOff<T> handOff = new LineHandOff<>(framing, handler, sender, ahead, emitter);
            emitter.onTermination(handOff::cancel);
            items.subscribe().withSubscriber(handOff);
        });
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        upstream = subscription;
        if (done) {
            subscription.cancel();
        } else {
            subscription.request(ahead);
        }
    }

    @Override
    public void onItem(T item) {
        List<StreamLine> lines = framing.apply(item);
        synchronized (this) {
            pending.addAll(lines);
            items++;
        }
        schedule();
    }

    @Override
    public void onFailure(Throwable failure) {
        synchronized (this) {
            this.failure = failure;
        }
        schedule();
    }

    @Override
    public void onCompletion() {
        synchronized (this) {
            completed = true;
        }
        schedule();
    }

    private void schedule() {
        if (work.getAndIncrement() == 0) {
            sender.execute(this::drain);
        }
    }

    /** On the sending thread: what piled up, in order, then the end or the demand for as many items. */
    private void drain() {
        int missed = 1;
        do {
            List<StreamLine> lines;
            int taken;
            Throwable failed;
            boolean ended;
            synchronized (this) {
                lines = pending;
                pending = new ArrayList<>();
                taken = items;
                items = 0;
                failed = failure;
                ended = completed;
            }
            if (!done) {
                run(lines, taken, failed, ended);
            }
            missed = work.addAndGet(-missed);
        } while (missed != 0);
    }

    private void run(List<StreamLine> lines, int taken, Throwable failed, boolean ended) {
        if (!lines.isEmpty()) {
            try {
                handler.accept(lines);
            } catch (RuntimeException e) {
                cancel();
                downstream.fail(e);
                return;
            }
            downstream.emit(lines.size());
        }
        if (failed != null) {
            done = true;
            downstream.fail(failed);
        } else if (ended) {
            done = true;
            downstream.complete();
        } else if (taken > 0) {
            upstream.request(taken);
        }
    }

    private void cancel() {
        done = true;
        Flow.Subscription subscription = upstream;
        if (subscription != null) {
            subscription.cancel();
        }
    }
}
