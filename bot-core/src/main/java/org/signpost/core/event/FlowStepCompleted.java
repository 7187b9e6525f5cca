package org.signpost.core.event;

import java.time.Instant;
import java.util.Objects;

/** Step {@code step} (zero-based) of the topmost flow {@code flow} is done. */
public record FlowStepCompleted(Instant at, String flow, int step) implements ConversationEvent {

    public FlowStepCompleted {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(flow, "flow");
    }
}
