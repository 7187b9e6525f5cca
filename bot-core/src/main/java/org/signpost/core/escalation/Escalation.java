package org.signpost.core.escalation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.signpost.core.message.Channel;

/**
 * A conversation waiting for a care navigator.
 *
 * @param details what the conversation has collected so far (slots), so the navigator does not
 *     have to ask again
 */
public record Escalation(
        String id, String conversationId, Channel channel, String reason, Priority priority, Instant createdAt,
        Map<String, String> details) {

    public Escalation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(createdAt, "createdAt");
        details = Map.copyOf(details);
    }
}
