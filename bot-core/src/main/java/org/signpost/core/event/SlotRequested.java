package org.signpost.core.event;

import java.time.Instant;
import java.util.Objects;

/** The bot asked for {@code slot}, for the {@code attempt}-th time in a row (starting at 1). */
public record SlotRequested(Instant at, String slot, int attempt) implements ConversationEvent {

    public SlotRequested {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(slot, "slot");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
    }
}
