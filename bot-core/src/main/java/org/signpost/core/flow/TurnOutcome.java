package org.signpost.core.flow;

import java.util.List;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.message.BotMessage;

/** What one turn produced: the events to append and the replies to send, in order. */
public record TurnOutcome(List<ConversationEvent> events, List<BotMessage> messages) {

    public TurnOutcome {
        events = List.copyOf(events);
        messages = List.copyOf(messages);
    }
}
