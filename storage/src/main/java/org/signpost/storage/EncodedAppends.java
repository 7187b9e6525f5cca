package org.signpost.storage;

import io.vertx.core.Future;
import java.util.List;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.event.ConversationEvent;

/**
 * A tracker store that takes events already encoded ({@code EventCodec.encodeAll}), so that two
 * stores written on the same turn (Redis and the transcript) encode its events once, not twice.
 */
public interface EncodedAppends extends TrackerStore {

    /** As {@link #append(String, List)}, with {@code encoded} the events' encoding, in order. */
    Future<Void> append(String conversationId, List<ConversationEvent> events, List<String> encoded);
}
