package org.signpost.storage.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A conversation's read sent in the same round trip as its lock's {@code SET NX}: the turn that
 * takes the lock reads the conversation next, so {@link RedisConversationLock} sends that read right
 * behind the lock's command. Lettuce keeps one connection's commands in order, so Redis reads the
 * conversation only once the lock is had (or refused), and nothing else can write it in between.
 */
public interface ReadAhead {

    /** Reads nothing ahead: each load makes its own round trip. */
    ReadAhead NONE = new ReadAhead() {
        @Override
        public CompletionStage<?> start(String conversationId) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void discard(String conversationId) {
        }
    };

    /**
     * Sends the conversation's read now; the next load of the conversation takes its answer. The
     * stage completes with that answer, successfully even when the read failed (the load reports it).
     */
    CompletionStage<?> start(String conversationId);

    /** Forgets a read sent ahead that no load took: the lock was refused, or the turn ended without one. */
    void discard(String conversationId);
}
