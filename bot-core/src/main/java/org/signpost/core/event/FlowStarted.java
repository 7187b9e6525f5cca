package org.signpost.core.event;

import java.time.Instant;
import java.util.Objects;

/** A flow began, on top of any flow it interrupts. */
public record FlowStarted(Instant at, String flow) implements ConversationEvent {

    public FlowStarted {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(flow, "flow");
    }
}
