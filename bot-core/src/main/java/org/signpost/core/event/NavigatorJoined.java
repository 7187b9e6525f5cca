package org.signpost.core.event;

import java.time.Instant;
import java.util.Objects;

/** Care navigator {@code navigator} claimed escalation {@code escalationId} and joined the conversation. */
public record NavigatorJoined(Instant at, String escalationId, String navigator) implements ConversationEvent {

    public NavigatorJoined {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(escalationId, "escalationId");
        Objects.requireNonNull(navigator, "navigator");
    }
}
