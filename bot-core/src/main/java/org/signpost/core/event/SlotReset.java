package org.signpost.core.event;

import java.time.Instant;
import java.util.Objects;

/** A slot was emptied (its flow ended or was cancelled). */
public record SlotReset(Instant at, String slot) implements ConversationEvent {

    public SlotReset {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(slot, "slot");
    }
}
