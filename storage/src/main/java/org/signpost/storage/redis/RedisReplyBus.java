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
import java.util.function.Consumer;
import org.signpost.core.delivery.FrameListener;
import org.signpost.core.delivery.ReplyBus;

/**
 * The reply bus across instances: Redis PUBLISH on one channel per conversation. An instance
 * SUBSCRIBEs to a conversation's channel while it holds at least one listener for it, on a
 * pub/sub connection of its own, and hands each message to its local listeners on their own
 * Vert.x contexts. Lettuce re-subscribes by itself after a reconnect.
 *
 * <p>SUBSCRIBE and UNSUBSCRIBE are sent inside the map's {@code compute} for their channel, so
 * for one channel they reach Redis in the same order as its listeners came and went.
 */
public final class RedisReplyBus implements ReplyBus, AutoCloseable {

    private final Redis redis;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final Map<String, Subscribed> channels = new ConcurrentHashMap<>();

    /** A channel this instance listens on: its local listeners and Redis's answer to SUBSCRIBE. */
    private record Subscribed(List<FrameListener> listeners, CompletionStage<Void> confirmed) {
    }

    /** Opens the pub/sub connection; blocking, so call it at start-up. */
    public RedisReplyBus(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.pubSub = redis.connectPubSub();
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String frame) {
                Subscribed subscribed = channels.get(channel);
                if (subscribed != null) {
                    subscribed.listeners().forEach(listener -> listener.deliver(frame));
                } else {
                    forgetStray(channel);
                }
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
        Subscribed entry = channels.compute(channel, (key, existing) -> {
            Subscribed subscribed = existing != null ? existing
                    : new Subscribed(new CopyOnWriteArrayList<>(), pubSub.async().subscribe(channel));
            subscribed.listeners().add(listener);
            return subscribed;
        });
        Subscription subscription = () -> unsubscribe(channel, listener);
        // Every listener of the channel waits for the same SUBSCRIBE; if it failed, the whole
        // entry goes, so the next subscriber asks Redis again.
        return Redis.future(entry.confirmed()).<Subscription>map(ignored -> subscription)
                .onFailure(failure -> channels.remove(channel, entry));
    }

    private Future<Void> unsubscribe(String channel, FrameListener listener) {
        CompletionStage<?>[] unsubscribed = {null};
        channels.computeIfPresent(channel, (key, subscribed) -> {
            if (subscribed.listeners().remove(listener) && subscribed.listeners().isEmpty()) {
                unsubscribed[0] = pubSub.async().unsubscribe(channel);
                return null;
            }
            return subscribed;
        });
        return unsubscribed[0] == null ? Future.succeededFuture() : Redis.future(unsubscribed[0]).mapEmpty();
    }

    /**
     * A message for a channel nobody here listens on: an UNSUBSCRIBE that failed while Redis was
     * away and was re-subscribed on reconnect. Drop it, unless a listener has just arrived.
     */
    private void forgetStray(String channel) {
        channels.compute(channel, (key, subscribed) -> {
            if (subscribed == null) {
                pubSub.async().unsubscribe(channel);
            }
            return subscribed;
        });
    }

    private String channel(String conversationId) {
        return redis.key("replies:" + Objects.requireNonNull(conversationId, "conversationId"));
    }

    @Override
    public void close() {
        channels.clear();
        pubSub.close();
    }
}
