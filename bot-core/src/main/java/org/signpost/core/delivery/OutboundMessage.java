package org.signpost.core.delivery;

import java.time.Instant;
import java.util.Objects;
import org.signpost.core.message.Channel;

/**
 * A message waiting in the {@link Outbox} to be sent to a person on an outside channel.
 *
 * @param id unique and deterministic (derived from what caused it), so that enqueueing the same
 *     message twice, as a retried turn would, keeps one copy
 * @param conversationId the conversation it belongs to, so that a failure can be shown to navigators
 * @param body the channel's request body (opaque here)
 * @param attempts how many times sending has failed and been retried
 */
public record OutboundMessage(String id, Channel channel, String recipient, String conversationId, String body,
        Instant createdAt, int attempts) {

    public OutboundMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static OutboundMessage fresh(String id, Channel channel, String recipient, String conversationId, String body,
            Instant createdAt) {
        return new OutboundMessage(id, channel, recipient, conversationId, body, createdAt, 0);
    }
}
