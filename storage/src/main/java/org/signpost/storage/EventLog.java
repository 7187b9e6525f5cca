package org.signpost.storage;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicInteger;
import org.signpost.core.event.ConversationEvent;

/**
 * A held conversation's events: an immutable view of the first {@code size} slots of an array
 * that only ever grows at its end. Appending to the longest view of an array writes after it in
 * place and returns a longer view; every earlier view still sees only its own events. A turn's
 * append then keeps only its own events and a small view, where a copy of the whole list kept
 * the conversation's every reference again on each turn: garbage the collector had to copy
 * while it was young (docs/benchmarks.md). Thread-safe.
 */
final class EventLog extends AbstractList<ConversationEvent> implements RandomAccess {

    private static final EventLog EMPTY = new EventLog(new ConversationEvent[0], new AtomicInteger(), 0);

    private final ConversationEvent[] slots;
    /** How many slots of {@link #slots} some view uses: only the view that long may append in place. */
    private final AtomicInteger used;
    private final int size;

    private EventLog(ConversationEvent[] slots, AtomicInteger used, int size) {
        this.slots = slots;
        this.used = used;
        this.size = size;
    }

    static EventLog of(List<ConversationEvent> events) {
        if (events instanceof EventLog log) {
            return log;
        }
        ConversationEvent[] slots = events.toArray(ConversationEvent[]::new);
        for (ConversationEvent event : slots) {
            Objects.requireNonNull(event, "event");
        }
        return slots.length == 0 ? EMPTY : new EventLog(slots, new AtomicInteger(slots.length), slots.length);
    }

    /** This log followed by {@code more}; this one is unchanged. */
    EventLog plus(List<ConversationEvent> more) {
        if (more.isEmpty()) {
            return this;
        }
        int after = size + more.size();
        if (after <= slots.length && used.compareAndSet(size, after)) {
            // The slots after this view were free and are now this append's alone.
            copyInto(slots, more);
            return new EventLog(slots, used, after);
        }
        ConversationEvent[] grown = Arrays.copyOf(slots, Math.max(after, size + (size >> 1) + 4));
        copyInto(grown, more);
        return new EventLog(grown, new AtomicInteger(after), after);
    }

    private void copyInto(ConversationEvent[] target, List<ConversationEvent> more) {
        for (int i = 0; i < more.size(); i++) {
            target[size + i] = Objects.requireNonNull(more.get(i), "event");
        }
    }

    @Override
    public ConversationEvent get(int index) {
        Objects.checkIndex(index, size);
        return slots[index];
    }

    @Override
    public int size() {
        return size;
    }
}
