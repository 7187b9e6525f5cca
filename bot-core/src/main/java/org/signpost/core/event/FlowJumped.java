package org.signpost.core.event;

import java.time.Instant;
import java.util.Objects;

/** The topmost flow {@code flow} goes on from step {@code step} (zero-based) rather than the next one. */
public record FlowJumped(Instant at, String flow, int step) implements ConversationEvent {

    public FlowJumped {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(flow, "flow");
    }
}
