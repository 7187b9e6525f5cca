package org.signpost.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Items that arrive while a batch of them is being written wait here and become the next batch:
 * one writer at a time, and a writer who finds nothing waiting stops. Thread-safe.
 *
 * <p>The writer's loop: {@link #add} says whether the caller must start writing; the writer takes
 * {@link #next} until it is empty.
 */
public final class Batches<T> {

    private final int most;
    /** Guarded by itself, with {@link #writing}. */
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private boolean writing;

    /** @param most the largest batch */
    public Batches(int most) {
        if (most < 1) {
            throw new IllegalArgumentException("a batch must hold at least one item, not " + most);
        }
        this.most = most;
    }

    /** Adds {@code item}; true if nobody is writing, so the caller must now write (taking {@link #next}). */
    public boolean add(T item) {
        synchronized (waiting) {
            waiting.add(item);
            if (writing) {
                return false;
            }
            writing = true;
            return true;
        }
    }

    /** The next batch, in arrival order; empty once nothing waits, and then the writer is done. */
    public List<T> next() {
        List<T> batch = new ArrayList<>();
        synchronized (waiting) {
            while (!waiting.isEmpty() && batch.size() < most) {
                batch.add(waiting.poll());
            }
            if (batch.isEmpty()) {
                writing = false;
            }
        }
        return batch;
    }

    /** Everything waiting, taken away, for a writer that cannot start (it is closed): nobody writes then. */
    public List<T> drain() {
        synchronized (waiting) {
            List<T> all = List.copyOf(waiting);
            waiting.clear();
            writing = false;
            return all;
        }
    }
}
