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

    /** The listener for {@code consumer} on the caller's Vert.x context (if any). */
    public static FrameListener onCurrentContext(Consumer<String> consumer) {
        return new FrameListener(Vertx.currentContext(), Objects.requireNonNull(consumer, "consumer"));
    }

    public void deliver(String frame) {
        if (context == null) {
            consumer.accept(frame);
        } else {
            context.runOnContext(ignored -> consumer.accept(frame));
        }
    }
}
