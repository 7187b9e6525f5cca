package org.signpost.core.event;

import java.time.Instant;
import java.util.Objects;

/** A care navigator wrote {@code text} to the person. */
public record NavigatorUttered(Instant at, String navigator, String text) implements ConversationEvent {

    public NavigatorUttered {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(navigator, "navigator");
        Objects.requireNonNull(text, "text");
    }
}
