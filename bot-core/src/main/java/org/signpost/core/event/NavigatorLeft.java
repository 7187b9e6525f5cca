package org.signpost.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * The navigator left the conversation with {@code outcome} (an {@code Outcome} id of the handoff
 * package: handed back to the bot, or closed as resolved, referred...). The bot answers again.
 */
public record NavigatorLeft(Instant at, String navigator, String outcome) implements ConversationEvent {

    public NavigatorLeft {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(navigator, "navigator");
        Objects.requireNonNull(outcome, "outcome");
    }
}
