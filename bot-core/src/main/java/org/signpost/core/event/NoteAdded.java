package org.signpost.core.event;

import java.time.Instant;
import java.util.Objects;

/** A member of staff noted {@code text} on the conversation: for staff only, never shown to the person. */
public record NoteAdded(Instant at, String navigator, String text) implements ConversationEvent {

    public NoteAdded {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(navigator, "navigator");
        Objects.requireNonNull(text, "text");
    }
}
