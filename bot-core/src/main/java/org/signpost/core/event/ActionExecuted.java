package org.signpost.core.event;

import java.time.Instant;
import java.util.Objects;

/** A custom action ({@code action_*}) ran. */
public record ActionExecuted(Instant at, String action) implements ConversationEvent {

    public ActionExecuted {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
    }
}
