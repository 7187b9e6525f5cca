package org.signpost.storage;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * Where a caller waits for a store's answer: its Vert.x context (answers are given on it, as a
 * Vert.x future's would be), or none for a caller outside Vert.x (answered on whatever thread
 * has the answer). Batches and commits finish on threads of their own, so every answer they
 * give goes through here.
 */
public record CallerContext(Optional<Context> context) {

    /** The calling thread's context, if it has one. */
    public static CallerContext current() {
        return new CallerContext(Optional.ofNullable(Vertx.currentContext()));
    }

    public static CallerContext of(Context context) {
        return new CallerContext(Optional.of(context));
    }

    /** Runs {@code answer} on the caller's context; on this thread if it has none or Vert.x is closing. */
    public void tell(Runnable answer) {
        if (context.isEmpty()) {
            answer.run();
            return;
        }
        try {
            context.get().runOnContext(nothing -> answer.run());
        } catch (RuntimeException closing) {
            // Telling them here is better than never.
            answer.run();
        }
    }

    /**
     * On the caller's context: fails {@code promise} with {@code failure} if there is one, else
     * completes it with {@code result}.
     */
    public <T> void settle(Promise<T> promise, T result, Throwable failure) {
        tell(failure == null ? () -> promise.tryComplete(result) : () -> promise.tryFail(failure));
    }
}
