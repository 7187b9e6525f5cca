package org.signpost.core.flow;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.signpost.core.conversation.ConversationState;
import org.signpost.core.message.Channel;

/**
 * What an action may look at: the conversation so far, the channel, the time of the turn and the
 * arguments its flow step gave it.
 */
public record ActionContext(ConversationState state, Channel channel, Instant now, Map<String, String> arguments) {

    public ActionContext {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(now, "now");
        arguments = Map.copyOf(arguments);
    }

    public String argument(String name, String otherwise) {
        return arguments.getOrDefault(name, otherwise);
    }
}
