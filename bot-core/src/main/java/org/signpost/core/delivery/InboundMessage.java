package org.signpost.core.delivery;

import java.time.Instant;
import java.util.Objects;
import org.signpost.core.message.Channel;

/**
 * A message an outside channel delivered, kept in the {@link Inbox} from the moment it is
 * acknowledged until a turn has handled it.
 *
 * @param id the channel's own message id (WhatsApp's {@code wamid}), unique per channel
 * @param sender the channel's id of the person (a WhatsApp number)
 * @param sentAt when the person sent it, by the channel's clock: messages are handled in this order
 * @param body the channel's message as received (opaque here; the connector reads it)
 */
public record InboundMessage(String id, Channel channel, String sender, Instant sentAt, Instant receivedAt, String body) {

    public InboundMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(body, "body");
    }
}
