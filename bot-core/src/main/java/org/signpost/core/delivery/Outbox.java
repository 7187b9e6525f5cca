package org.signpost.core.delivery;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.signpost.core.message.Channel;

/**
 * Durable queue of messages to send on outside channels, one ordered queue per recipient. A
 * message leaves its queue only when it was sent or failed for good, so pending sends survive a
 * restart and none is dropped silently. Only the first waiting message of a recipient is handed
 * out, so a person's messages go out in order; a sender holds the recipient's
 * {@link org.signpost.core.conversation.ConversationLock lock} while it sends, so that two
 * instances never send to the same person at once. Never blocks the caller.
 */
public interface Outbox {

    /** Where a message is in its life. */
    enum State {
        /** waiting to be sent (perhaps after a retry delay) */
        PENDING,
        /** kept back until the person writes again (WhatsApp's 24-hour window had closed) */
        HELD,
        /** accepted by the channel */
        SENT,
        /** refused for good; navigators are told */
        FAILED
    }

    /**
     * Adds messages to the ends of their recipients' queues, in the order given. A message whose
     * id is already in the outbox is skipped. Durable when the future completes; answers how many
     * were new.
     */
    Future<Integer> enqueue(List<OutboundMessage> messages);

    /**
     * Recipients with messages in their queue, up to {@code limit}: worth a {@link #next}, which
     * decides whether one is due. For picking up after a restart or another instance's crash.
     */
    Future<List<String>> recipientsWaiting(Channel channel, int limit);

    /**
     * The recipient's first pending message, if it is due by {@code now} (held messages do not
     * stand in the way; one waiting for a retry does). Empty when there is nothing to send now.
     */
    Future<Optional<OutboundMessage>> next(Channel channel, String recipient, Instant now);

    /** The channel accepted the message under its own id. */
    Future<Void> sent(String id, String channelMessageId, Instant at);

    /** Sending failed for a passing reason: try again at {@code notBefore}. */
    Future<Void> retryAt(String id, Instant notBefore, String reason);

    /** Keeps the message back until {@link #release} (the recipient cannot be written to now). */
    Future<Void> hold(String id, String reason);

    /** The recipient's held messages become pending again, in their order. */
    Future<Void> release(Channel channel, String recipient);

    /** The channel refused the message for good. */
    Future<Void> failed(String id, String reason, Instant at);

    /**
     * Records a delivery report for the message the channel knows as {@code channelMessageId}
     * (sent, delivered, read, failed); the same report twice is recorded once. Answers the
     * message when it is known and the report is new.
     */
    Future<Optional<OutboundMessage>> report(String channelMessageId, String status, Instant at, String error);

    /** The message's state now, if it is in the outbox. */
    Future<Optional<State>> state(String id);

    /** Forgets sent and failed messages created before {@code cutoff}; answers how many. */
    Future<Integer> forgetFinishedBefore(Instant cutoff);
}
