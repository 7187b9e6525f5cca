package org.signpost.storage.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.signpost.core.conversation.StoreUnavailableException;

/**
 * One Lettuce connection shared by Signpost's Redis stores (Lettuce multiplexes commands on one
 * connection, and it is thread-safe). Lettuce's futures are turned into Vert.x futures completed
 * on the caller's context, so handlers never run on Lettuce's threads.
 */
public final class Redis implements AutoCloseable {

    /** The default key namespace, so one Redis can serve other things too. */
    public static final String DEFAULT_NAMESPACE = "signpost:";

    /** Commands written before one write to the socket at most, however busy the connection. */
    private static final int MOST_COMMANDS_PER_WRITE = 256;

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String namespace;

    private Redis(ClientResources resources, RedisClient client, StatefulRedisConnection<String, String> connection,
            String namespace) {
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.namespace = namespace;
    }

    /**
     * Connects; blocking, so call it at start-up on a worker thread.
     *
     * @param url such as {@code redis://127.0.0.1:6379/0}
     * @param namespace what every key begins with ({@link #DEFAULT_NAMESPACE}; tests use their own)
     */
    public static Redis connect(String url, String namespace) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(namespace, "namespace");
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(Duration.ofSeconds(2));
        ClientResources resources = ClientResources.builder().nettyCustomizer(new WritesTogether()).build();
        RedisClient client = RedisClient.create(resources, uri);
        // While Redis is away, fail commands at once (a clear 503) instead of queueing them;
        // Lettuce keeps reconnecting in the background, so service resumes without a restart.
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        try {
            return new Redis(resources, client, client.connect(), namespace);
        } catch (RuntimeException e) {
            client.shutdown();
            resources.shutdown();
            throw e;
        }
    }

    /**
     * Lettuce writes each command to the socket as it is sent, and each write that reaches Redis
     * alone costs it a read and a reply of its own: about 15 µs of Redis's processor time for a
     * SET whose own work is 1 µs, measured here. With every conversation's commands on one
     * connection, the commands sent while the connection's thread is busy go out in one write
     * instead, at the cost of waiting for that thread's next turn (Redis read about 2 times a
     * message without this, under half a time with it; docs/benchmarks.md).
     */
    private static final class WritesTogether implements NettyCustomizer {
        @Override
        public void afterChannelInitialized(Channel channel) {
            channel.pipeline().addFirst(new FlushConsolidationHandler(MOST_COMMANDS_PER_WRITE, true));
        }
    }

    /** A key in this connection's namespace. */
    public String key(String name) {
        return namespace + name;
    }

    public RedisAsyncCommands<String, String> commands() {
        return connection.async();
    }

    /**
     * A Lettuce result as a Vert.x future, completed on the calling Vert.x context if there is one.
     * Connection failures and time-outs become {@link StoreUnavailableException}.
     */
    public static <T> Future<T> future(CompletionStage<T> stage) {
        Context context = Vertx.currentContext();
        Future<T> future = context == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
        // Anything but an error Redis itself answered (a wrong command) means Redis is not there.
        return future.recover(failed -> {
            // Answers combined before the hand-over come wrapped.
            Throwable failure = failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed;
            return Future.failedFuture(failure instanceof RedisException && !(failure instanceof RedisCommandExecutionException)
                    ? new StoreUnavailableException("Redis", failure) : failure);
        });
    }

    /**
     * A connection of its own for SUBSCRIBE (a subscribed connection can do nothing else);
     * blocking, so call it at start-up. The caller closes it.
     */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return client.connectPubSub();
    }

    /** PING, for readiness checks. */
    public Future<String> ping() {
        return future(commands().ping());
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
        resources.shutdown();
    }
}
