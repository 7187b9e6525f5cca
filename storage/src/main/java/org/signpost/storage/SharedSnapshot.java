package org.signpost.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The last read of something many turns need whole and that rarely changes (the service
 * directory), kept for a while and shared by every caller.
 *
 * <ul>
 *   <li>Callers never each start a read: one read runs at a time and everyone who asks while it
 *       runs gets its answer. Each turn that came while the directory was being read again
 *       started a read of its own, so under load hundreds ran at once, each slower for the others
 *       (a throwaway profile at 8,000 messages/s found most of the worker threads' samples in
 *       them).</li>
 *   <li>Once the snapshot is older than {@code freshFor}, callers still get it at once while one
 *       read fetches it again; if that read fails, the next caller starts another.</li>
 *   <li>{@link #invalidate} drops the snapshot, and a read begun before it does not fill it again:
 *       a change made through this instance shows in the next answer.</li>
 * </ul>
 *
 * Thread-safe. Futures are completed outside the lock.
 */
public final class SharedSnapshot<T> {

    private final Supplier<Future<T>> read;
    private final long freshForNanos;
    private final LongSupplier nanoTime;

    private T value;
    private long readAt;
    /** Counts invalidations: a read fills the snapshot only if none came after it began. */
    private long generation;
    private Future<T> reading;
    private long readingGeneration;

    public SharedSnapshot(Supplier<Future<T>> read, Duration freshFor) {
        this(read, freshFor, System::nanoTime);
    }

    SharedSnapshot(Supplier<Future<T>> read, Duration freshFor, LongSupplier nanoTime) {
        this.read = Objects.requireNonNull(read, "read");
        this.freshForNanos = freshFor.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** The snapshot: at once when there is one (fresh or not), otherwise once the read under way answers. */
    public Future<T> get() {
        Promise<T> started = null;
        long startedAt = 0;
        long generationRead;
        Future<T> answer;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (value != null && now - readAt < freshForNanos) {
                return Future.succeededFuture(value);
            }
            if (reading == null || readingGeneration != generation) {
                started = Promise.promise();
                startedAt = now;
                reading = started.future();
                readingGeneration = generation;
            }
            generationRead = readingGeneration;
            answer = value != null ? Future.succeededFuture(value) : reading;
        }
        if (started != null) {
            fetch(started, generationRead, startedAt);
        }
        return answer;
    }

    /** Forgets the snapshot: the next caller waits for a read begun after this. */
    public synchronized void invalidate() {
        generation++;
        value = null;
    }

    private void fetch(Promise<T> promise, long generationRead, long startedAt) {
        Future<T> fetched;
        try {
            fetched = read.get();
        } catch (RuntimeException e) {
            fetched = Future.failedFuture(e);
        }
        fetched.onComplete(done -> {
            synchronized (this) {
                if (reading == promise.future()) {
                    reading = null;
                }
                if (done.succeeded() && done.result() != null && generationRead == generation) {
                    value = done.result();
                    // As old as the read's start: a change made while it ran may be missing.
                    readAt = startedAt;
                }
            }
            promise.handle(done);
        });
    }
}
