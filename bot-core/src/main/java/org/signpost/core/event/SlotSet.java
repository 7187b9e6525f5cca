package org.signpost.core.event;

import java.time.Instant;
import java.util.Objects;

/** A slot was filled with a value. */
public record SlotSet(Instant at, String slot, String value) implements ConversationEvent {

    public SlotSet {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(value, "value");
    }
}
