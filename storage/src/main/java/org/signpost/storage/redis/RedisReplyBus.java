package org.signpost.storage.redis;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.signpost.core.delivery.FrameListener;
import org.signpost.core.delivery.ReplyBus;

/**
 * The reply bus across instances: Redis PUBLISH on one channel per conversation. An instance
 * SUBSCRIBEs to a conversation's channel while it holds at least one listener for it, on a
 * pub/sub connection of its own, and hands each message to its local listeners on their own
 * Vert.x contexts. Lettuce re-subscribes by itself after a reconnect.
 */
public final class RedisReplyBus implements ReplyBus, AutoCloseable {

    private final Redis redis;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final Map<String, List<FrameListener>> listeners = new ConcurrentHashMap<>();

    /** Opens the pub/sub connection; blocking, so call it at start-up. */
    public RedisReplyBus(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.pubSub = redis.connectPubSub();
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String frame) {
                listeners.getOrDefault(channel, List.of()).forEach(listener -> listener.deliver(frame));
            }
        });
    }

    @Override
    public Future<Boolean> publish(String conversationId, String frame) {
        Objects.requireNonNull(frame, "frame");
        return Redis.future(redis.commands().publish(channel(conversationId), frame)).map(reached -> reached > 0);
    }

    @Override
    public Future<Subscription> subscribe(String conversationId, Consumer<String> consumer) {
        String channel = channel(conversationId);
        FrameListener listener = FrameListener.onCurrentContext(consumer);
        AtomicReference<CompletionStage<Void>> subscribed = new AtomicReference<>();
        // SUBSCRIBE and UNSUBSCRIBE are sent inside compute() so that, for one channel, they
        // reach Redis in the same order as the listener list changed.
        listeners.compute(channel, (key, list) -> {
            List<FrameListener> updated = list == null ? new CopyOnWriteArrayList<>() : list;
            if (updated.isEmpty()) {
                subscribed.set(pubSub.async().subscribe(channel));
            }
            updated.add(listener);
            return updated;
        });
        Subscription subscription = () -> unsubscribe(channel, listener);
        return subscribed.get() == null ? Future.succeededFuture(subscription)
                : Redis.future(subscribed.get()).<Subscription>map(ignored -> subscription)
                        .onFailure(failure -> unsubscribe(channel, listener));
    }

    private Future<Void> unsubscribe(String channel, FrameListener listener) {
        AtomicReference<CompletionStage<Void>> unsubscribed = new AtomicReference<>();
        listeners.computeIfPresent(channel, (key, list) -> {
            if (list.remove(listener) && list.isEmpty()) {
                unsubscribed.set(pubSub.async().unsubscribe(channel));
                return null;
            }
            return list;
        });
        return unsubscribed.get() == null ? Future.succeededFuture() : Redis.future(unsubscribed.get());
    }

    private String channel(String conversationId) {
        return redis.key("replies:" + Objects.requireNonNull(conversationId, "conversationId"));
    }

    @Override
    public void close() {
        pubSub.close();
    }
}
