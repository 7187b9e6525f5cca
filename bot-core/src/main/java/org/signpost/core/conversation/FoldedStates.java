package org.signpost.core.conversation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.signpost.core.event.ConversationEvent;

/**
 * The states conversations were last folded to, so that a turn folds only the events added since
 * instead of the whole conversation: folding every event on every turn was a sixth of what a turn
 * allocated in the load benchmark, and grew with the conversation. A state is taken up again only
 * when the history holds, at the place it ended, the very event object it ended with: the held
 * conversations of the stores give every turn the same objects, and an event log only grows, so
 * that object there means the same events before it. A history read afresh (new objects), cut
 * short by retention, or begun again under the same id is folded from the start. At most
 * {@code capacity} conversations are remembered, the least recently folded forgotten first.
 */
public final class FoldedStates {

    /** A state and where in its conversation it was folded to. */
    private record Folded(int events, ConversationEvent last, ConversationState state) {
    }

    private final Map<String, Folded> recent;

    public FoldedStates(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Folded> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The state {@code history} folds to, the same as {@link ConversationState#fold}. */
    public ConversationState fold(String conversationId, List<ConversationEvent> history) {
        Folded known;
        synchronized (recent) {
            known = recent.get(conversationId);
        }
        ConversationState state;
        int from;
        if (known != null && known.events() <= history.size() && history.get(known.events() - 1) == known.last()) {
            state = known.state();
            from = known.events();
        } else {
            state = ConversationState.empty(conversationId);
            from = 0;
        }
        for (int i = from; i < history.size(); i++) {
            state = state.apply(history.get(i));
        }
        if (!history.isEmpty()) {
            Folded folded = new Folded(history.size(), history.get(history.size() - 1), state);
            synchronized (recent) {
                recent.put(conversationId, folded);
            }
        }
        return state;
    }
}
