package org.signpost.core.delivery;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The reply bus of a single instance (the embedded default): every connection is local. */
public final class InMemoryReplyBus implements ReplyBus {

    private final Map<String, List<FrameListener>> listeners = new ConcurrentHashMap<>();

    @Override
    public Future<Boolean> publish(String conversationId, String frame) {
        Objects.requireNonNull(frame, "frame");
        List<FrameListener> current = listeners.getOrDefault(Objects.requireNonNull(conversationId, "conversationId"),
                List.of());
        current.forEach(listener -> listener.deliver(frame));
        return Future.succeededFuture(!current.isEmpty());
    }

    @Override
    public Future<Boolean> publish(String conversationId, Supplier<String> frame) {
        return listeners.containsKey(Objects.requireNonNull(conversationId, "conversationId"))
                ? publish(conversationId, frame.get()) : Future.succeededFuture(false);
    }

    @Override
    public Future<Subscription> subscribe(String conversationId, Consumer<String> consumer) {
        Objects.requireNonNull(conversationId, "conversationId");
        FrameListener listener = FrameListener.onCurrentContext(consumer);
        // Added inside compute, so a last listener leaving at the same moment cannot drop the list.
        listeners.compute(conversationId, (id, list) -> {
            List<FrameListener> updated = list == null ? new CopyOnWriteArrayList<>() : list;
            updated.add(listener);
            return updated;
        });
        return Future.succeededFuture(() -> {
            listeners.computeIfPresent(conversationId, (id, list) -> {
                list.remove(listener);
                return list.isEmpty() ? null : list;
            });
            return Future.succeededFuture();
        });
    }
}
