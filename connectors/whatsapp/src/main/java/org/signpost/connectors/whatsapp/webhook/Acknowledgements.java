package org.signpost.connectors.whatsapp.webhook;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The webhooks waiting for their write before Meta gets its 200, and a way for everything else
 * to give way to them: Meta delivers again what is not acknowledged in time, so acknowledgements
 * come first and replies catch up after. Handling and sending wait in {@link #giveWay} while more
 * than {@link #BUSY} webhooks wait, but never longer than {@link #LONGEST_WAIT_MILLIS}: they yield,
 * and are never starved. Under a flood of messages ({@link #flooded}) people's messages are also
 * handled one person at a time: turns take whatever CPU is left, and on a small machine the
 * acknowledgements then wait for a core.
 */
public final class Acknowledgements {

    static final int BUSY = 2;
    static final long STEP_MILLIS = 5;
    static final long LONGEST_WAIT_MILLIS = 50;
    /**
     * Webhooks with messages in a second from which it is a flood: 2.5 times Meta's default
     * throughput for a number. Status webhooks are not counted: they are only recorded.
     */
    static final int FLOOD_PER_SECOND = 200;
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final Vertx vertx;
    private final LongSupplier nanoTime;
    private final AtomicInteger waiting = new AtomicInteger();
    /** Webhooks counted per second of {@link #nanoTime}: the second counting now, and the one before it. */
    private final AtomicLong second = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger inSecond = new AtomicInteger();
    private volatile int inSecondBefore;

    public Acknowledgements(Vertx vertx) {
        this(vertx, System::nanoTime);
    }

    Acknowledgements(Vertx vertx, LongSupplier nanoTime) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Counts {@code write} as a webhook waiting for its write until it completes. */
    public <T> Future<T> during(Future<T> write) {
        count();
        waiting.incrementAndGet();
        return write.onComplete(done -> waiting.decrementAndGet());
    }

    /**
     * Whether webhooks with messages come at {@link #FLOOD_PER_SECOND} or more: in the second now
     * or the one before. Approximate (a webhook counted as a second turns may land in either),
     * which is all a choice of how many people to handle at once needs.
     */
    public boolean flooded() {
        long now = secondOfNow();
        long counting = second.get();
        if (now <= counting) {
            // A reading taken just before another thread moved on to the next second counts as in it.
            return inSecond.get() >= FLOOD_PER_SECOND || inSecondBefore >= FLOOD_PER_SECOND;
        }
        return now == counting + 1 && inSecond.get() >= FLOOD_PER_SECOND;
    }

    private void count() {
        long now = secondOfNow();
        long counting = second.get();
        // Only forwards: a thread that read the clock just before another moved on must not move back.
        if (now > counting && second.compareAndSet(counting, now)) {
            int counted = inSecond.getAndSet(0);
            inSecondBefore = now == counting + 1 ? counted : 0;
        }
        inSecond.incrementAndGet();
    }

    private long secondOfNow() {
        return Math.floorDiv(nanoTime.getAsLong(), SECOND_NANOS);
    }

    /** Completes when few webhooks wait for their write, or after {@link #LONGEST_WAIT_MILLIS} at the latest. */
    public Future<Void> giveWay() {
        return giveWay(LONGEST_WAIT_MILLIS / STEP_MILLIS);
    }

    private Future<Void> giveWay(long steps) {
        if (waiting.get() <= BUSY || steps <= 0) {
            return Future.succeededFuture();
        }
        return Future.future(promise -> vertx.setTimer(STEP_MILLIS, timer -> giveWay(steps - 1).onComplete(promise)));
    }
}
