package org.signpost.core.delivery;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.signpost.core.message.Channel;

/**
 * Durable intake of messages from channels that deliver at least once (WhatsApp re-delivers a
 * webhook for days). A message is kept before its delivery is acknowledged, so a crash loses
 * nothing, and its id is remembered after it is handled, so a re-delivery is never handled twice,
 * on any instance, across restarts. Never blocks the caller.
 */
public interface Inbox {

    /**
     * Keeps the messages whose ids were never seen before and answers those, in the order given;
     * the others are re-deliveries and are dropped. Durable, and handed out by {@link #pending},
     * when the future completes, which is all a webhook waits for.
     */
    Future<List<InboundMessage>> accept(List<InboundMessage> messages);

    /** The sender's messages not yet handled, in the order they were sent (then arrived). */
    Future<List<InboundMessage>> pending(Channel channel, String sender);

    /**
     * Everyone with messages not yet handled: what a restart must pick up. Kept messages that a
     * crash left out of their sender's pending ones are put back first.
     */
    Future<List<String>> sendersWithPending(Channel channel);

    /**
     * The message has been handled: its id is kept (re-deliveries stay dropped) but not its body,
     * which may hold health data. Handling twice is harmless.
     */
    Future<Void> handled(InboundMessage message);

    /** When the sender's newest message was sent, if they ever wrote (WhatsApp's 24-hour window). */
    Future<Optional<Instant>> lastSent(Channel channel, String sender);

    /** Forgets handled messages received before {@code cutoff}; answers how many. */
    Future<Integer> forgetHandledBefore(Instant cutoff);
}
