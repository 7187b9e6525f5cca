package org.signpost.core.conversation;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A lock for one process: each conversation has a chain of turns, and a new turn starts when the
 * previous one completes. Chains are removed when they run empty, so idle conversations cost
 * nothing.
 */
public final class InMemoryConversationLock implements ConversationLock {

    private final Map<String, Future<Void>> tails = new ConcurrentHashMap<>();

    @Override
    public <T> Future<T> withLock(String conversationId, Supplier<Future<T>> work) {
        Promise<Void> released = Promise.promise();
        Future<Void> mine = released.future();
        @SuppressWarnings("unchecked")
        Future<Void>[] previous = new Future[1];
        tails.compute(conversationId, (id, tail) -> {
            previous[0] = tail;
            return mine;
        });
        Future<Void> turn = previous[0] == null ? Future.succeededFuture() : previous[0];
        return turn.transform(ignored -> ConversationLock.attempt(work)).andThen(result -> {
            tails.remove(conversationId, mine);
            released.complete();
        });
    }

    /** Number of conversations holding or waiting for the lock (for tests and metrics). */
    public int activeConversations() {
        return tails.size();
    }
}
