package org.signpost.core.turn;

import io.vertx.core.Future;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.UserMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The turns of senders who wait for their answer (the REST channel and web chat), at most
 * {@code limit} under way at once on this instance. Past that a message is refused at once with
 * {@link BusyException} instead of queued: a queue without bound, under more messages than the
 * instance can answer, makes every answer later and later (seconds, then minutes) until clients
 * give up on all of them; refused, the sender is told to send again, and a load balancer can try
 * another instance. WhatsApp messages wait in their own durable inbox and each call has one turn
 * at a time, so neither comes through here. Thread-safe: the channels of every event loop share one.
 */
public final class BoundedTurns {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedTurns.class);
    /** At most one log line per this long while refusing, however many are refused. */
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final TurnProcessor processor;
    private final int limit;
    private final AtomicInteger underWay = new AtomicInteger();
    private final LongAdder refused = new LongAdder();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    public BoundedTurns(TurnProcessor processor, int limit) {
        this.processor = Objects.requireNonNull(processor, "processor");
        if (limit < 1) {
            throw new IllegalArgumentException("the limit of turns under way must be positive, was " + limit);
        }
        this.limit = limit;
    }

    /** As {@link TurnProcessor#handle}, or failed with {@link BusyException} when the limit is reached. */
    public Future<List<BotMessage>> handle(UserMessage message) {
        if (underWay.incrementAndGet() > limit) {
            underWay.decrementAndGet();
            refused.increment();
            logRefusals();
            return Future.failedFuture(new BusyException(limit));
        }
        Future<List<BotMessage>> turn;
        try {
            turn = processor.handle(message);
        } catch (RuntimeException e) {
            underWay.decrementAndGet();
            throw e;
        }
        return turn.onComplete(done -> underWay.decrementAndGet());
    }

    /** Turns under way now. */
    public int underWay() {
        return underWay.get();
    }

    /** Messages refused since start. */
    public long refused() {
        return refused.sum();
    }

    private void logRefusals() {
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_EVERY_NANOS && lastLog.compareAndSet(last, now)) {
            LOG.warn("Busy: {} turns under way, the most allowed (SIGNPOST_MAX_TURNS_IN_FLIGHT); {} messages refused since start",
                    limit, refused.sum());
        }
    }
}
