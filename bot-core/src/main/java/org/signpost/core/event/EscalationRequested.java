package org.signpost.core.event;

import java.time.Instant;
import java.util.Objects;

/** The conversation was put in the navigators' queue as escalation {@code escalationId}. */
public record EscalationRequested(Instant at, String escalationId, String reason, String priority)
        implements ConversationEvent {

    public EscalationRequested {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(escalationId, "escalationId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(priority, "priority");
    }
}
