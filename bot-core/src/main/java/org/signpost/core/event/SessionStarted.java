package org.signpost.core.event;

import java.time.Instant;
import java.util.Objects;
import org.signpost.core.message.Channel;

/** A new session began: earlier slots and flows no longer apply. */
public record SessionStarted(Instant at, Channel channel) implements ConversationEvent {

    public SessionStarted {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(channel, "channel");
    }
}
