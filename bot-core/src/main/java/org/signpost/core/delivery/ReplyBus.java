package org.signpost.core.delivery;

import io.vertx.core.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Carries replies to whichever instance holds a conversation's live connection (a web chat
 * socket, a navigator's console). The instance that holds the connection subscribes to the
 * conversation; any instance that produces a reply for it, such as the one that ran the turn or
 * the one a navigator typed into, publishes. Frames are opaque text: the connector that
 * subscribed decides their format and writes them as they are.
 *
 * <p>Delivery is at most once and only to connections open at the time: the transcript stays the
 * record, and a client that reconnects catches up from it. Never blocks the caller.
 */
public interface ReplyBus {

    /**
     * Sends a frame to every subscriber of the conversation, on any instance.
     *
     * @return whether it reached anyone (false: no instance holds the conversation now)
     */
    Future<Boolean> publish(String conversationId, String frame);

    /**
     * As {@link #publish(String, String)}, with the frame made only if it may reach someone: a
     * bus that knows nobody listens (one instance's own) skips the work of every turn nobody watches.
     */
    default Future<Boolean> publish(String conversationId, Supplier<String> frame) {
        return publish(conversationId, frame.get());
    }

    /**
     * Frames published for the conversation reach {@code listener} in the order they were
     * published, on the Vert.x context that subscribed, until the subscription is closed.
     */
    Future<Subscription> subscribe(String conversationId, Consumer<String> listener);

    /** A listener's registration; closing it twice is harmless. */
    interface Subscription {
        Future<Void> close();
    }
}
