package org.signpost.core.flow;

import java.util.List;
import org.signpost.core.event.ConversationEvent;

/** What an action did: events to record (slots set, an escalation) and responses to say. */
public record ActionResult(List<ConversationEvent> events, List<Utterance> utterances) {

    public ActionResult {
        events = List.copyOf(events);
        utterances = List.copyOf(utterances);
    }

    public static ActionResult say(Utterance... utterances) {
        return new ActionResult(List.of(), List.of(utterances));
    }
}
