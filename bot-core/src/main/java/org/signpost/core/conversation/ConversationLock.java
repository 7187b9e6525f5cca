package org.signpost.core.conversation;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * Runs the work of one conversation one turn at a time, in arrival order, while other
 * conversations proceed in parallel. Never blocks a thread while waiting for the lock.
 */
public interface ConversationLock {

    /**
     * Runs {@code work} once every earlier work of the same conversation has finished, and
     * releases the lock when the future it returns completes, successfully or not.
     */
    <T> Future<T> withLock(String conversationId, Supplier<Future<T>> work);

    /** Runs {@code work}, turning a throw or a null into a failed future, for implementations. */
    static <T> Future<T> attempt(Supplier<Future<T>> work) {
        try {
            Future<T> result = work.get();
            return result == null ? Future.failedFuture(new NullPointerException("work returned null")) : result;
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
