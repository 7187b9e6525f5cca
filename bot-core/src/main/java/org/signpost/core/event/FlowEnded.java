package org.signpost.core.event;

import java.time.Instant;
import java.util.Objects;

/** The topmost frame of {@code flow} ended, either having run all its steps or cancelled. */
public record FlowEnded(Instant at, String flow, Outcome outcome) implements ConversationEvent {

    public enum Outcome { COMPLETED, CANCELLED }

    public FlowEnded {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(outcome, "outcome");
    }
}
