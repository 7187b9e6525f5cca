package org.signpost.storage.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
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

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String namespace;

    private Redis(RedisClient client, StatefulRedisConnection<String, String> connection, String namespace) {
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
        RedisClient client = RedisClient.create(uri);
        // While Redis is away, fail commands at once (a clear 503) instead of queueing them;
        // Lettuce keeps reconnecting in the background, so service resumes without a restart.
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        return new Redis(client, client.connect(), namespace);
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
    }
}
