package org.signpost.connectors.whatsapp.webhook;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The webhooks waiting for their write before Meta gets its 200, and a way for everything else
 * to give way to them: Meta delivers again what is not acknowledged in time, so acknowledgements
 * come first and replies catch up after. Handling and sending wait in {@link #giveWay} while more
 * than {@link #BUSY} webhooks wait, but never longer than {@link #LONGEST_WAIT_MILLIS}: they yield,
 * and are never starved.
 */
public final class Acknowledgements {

    static final int BUSY = 2;
    static final long STEP_MILLIS = 5;
    static final long LONGEST_WAIT_MILLIS = 50;

    private final Vertx vertx;
    private final AtomicInteger waiting = new AtomicInteger();

    public Acknowledgements(Vertx vertx) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
    }

    /** Counts {@code write} as a webhook waiting for its write until it completes. */
    public <T> Future<T> during(Future<T> write) {
        waiting.incrementAndGet();
        return write.onComplete(done -> waiting.decrementAndGet());
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
