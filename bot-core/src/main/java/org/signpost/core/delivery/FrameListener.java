package org.signpost.core.delivery;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A subscriber to a {@link ReplyBus} and the Vert.x context it subscribed on: frames are handed
 * over on that context, in order, whichever thread they arrived on. Identity matters (the same
 * consumer may subscribe twice), so this is not a record.
 */
public final class FrameListener {

    private final Context context;
    private final Consumer<String> consumer;

    private FrameListener(Context context, Consumer<String> consumer) {
        this.context = context;
        this.consumer = consumer;
    }

    /**
     * The listener for {@code consumer} on the caller's Vert.x context. A context is required:
     * without one, frames would run on whichever thread brought them (Redis's I/O thread).
     */
    public static FrameListener onCurrentContext(Consumer<String> consumer) {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("subscribe to the reply bus from a Vert.x context");
        }
        return new FrameListener(context, Objects.requireNonNull(consumer, "consumer"));
    }

    public void deliver(String frame) {
        context.runOnContext(ignored -> consumer.accept(frame));
    }
}
