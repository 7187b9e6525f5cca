package org.signpost.core.conversation;

import java.util.Objects;

/** The bot is waiting for {@code slot}; it has asked {@code attempt} times in a row. */
public record SlotRequest(String slot, int attempt) {

    public SlotRequest {
        Objects.requireNonNull(slot, "slot");
    }
}
