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
import io.lettuce.core.resource.EventLoopGroupProvider;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.signpost.core.conversation.StoreUnavailableException;

/**
 * The Lettuce connections Signpost's Redis stores share: one on each of Vert.x's event loops
 * ({@link #connect(Vertx, String, String)}), or one on Lettuce's own threads. Lettuce multiplexes
 * commands on a connection, keeps their order, and is thread-safe; a thread's commands go out on
 * one connection, so they reach Redis in the order sent. Lettuce's futures are turned into
 * Vert.x futures completed on the caller's context.
 */
public final class Redis implements AutoCloseable {

    /** The default key namespace, so one Redis can serve other things too. */
    public static final String DEFAULT_NAMESPACE = "signpost:";

    /** Commands written before one write to the socket at most, however busy the connection. */
    private static final int MOST_COMMANDS_PER_WRITE = 256;

    private final ClientResources resources;
    private final List<RedisClient> clients;
    /** The connections, the first for threads that are none of {@link #loops}' own. */
    private final List<StatefulRedisConnection<String, String>> connections;
    /** The event loop each connection is on, in the same order; empty on Lettuce's own threads. */
    private final List<EventLoop> loops;
    private final String namespace;

    private Redis(ClientResources resources, List<RedisClient> clients, List<StatefulRedisConnection<String, String>> connections,
            List<EventLoop> loops, String namespace) {
        this.resources = resources;
        this.clients = clients;
        this.connections = connections;
        this.loops = loops;
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
        ClientResources resources = ClientResources.builder().nettyCustomizer(new WritesTogether()).build();
        return connect(resources, url, namespace, List.of());
    }

    /**
     * Connects once for each of Vert.x's event loops, on that loop: a turn on an event loop sends
     * its commands and has their answers on its own thread, with no hand-over to Lettuce's
     * threads and back (each hand-over is a wake-up of a sleeping thread: most of what a turn
     * with Redis cost the server beyond a turn without it; docs/benchmarks.md). Blocking.
     */
    public static Redis connect(Vertx vertx, String url, String namespace) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(namespace, "namespace");
        List<EventLoop> loops = eventLoops(vertx);
        ClientResources resources = ClientResources.builder().nettyCustomizer(new WritesTogether())
                .eventLoopGroupProvider(new OneLoopEach(loops)).build();
        return connect(resources, url, namespace, loops);
    }

    /** Vert.x's event loops, in the order {@link #connect(Vertx, String, String)} gives them connections. */
    public static List<EventLoop> eventLoops(Vertx vertx) {
        List<EventLoop> loops = new ArrayList<>();
        ((VertxInternal) vertx).nettyEventLoopGroup().forEach(executor -> loops.add((EventLoop) executor));
        return List.copyOf(loops);
    }

    /** One connection for each of {@code loops}, or one on Lettuce's own threads without any. */
    private static Redis connect(ClientResources resources, String url, String namespace, List<EventLoop> loops) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(Duration.ofSeconds(2));
        List<RedisClient> clients = new ArrayList<>();
        List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
        try {
            for (int i = 0; i < Math.max(1, loops.size()); i++) {
                RedisClient client = RedisClient.create(resources, uri);
                clients.add(client);
                // While Redis is away, fail commands at once (a clear 503) instead of queueing them;
                // Lettuce keeps reconnecting in the background, so service resumes without a restart.
                client.setOptions(ClientOptions.builder().autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
                connections.add(client.connect());
            }
            return new Redis(resources, List.copyOf(clients), List.copyOf(connections), loops, namespace);
        } catch (RuntimeException e) {
            connections.forEach(StatefulRedisConnection::close);
            clients.forEach(RedisClient::shutdown);
            resources.shutdown();
            throw e;
        }
    }

    /**
     * Gives each client Lettuce makes the next of Vert.x's event loops (a client asks once, and
     * its connection lives on what it was given). The loops are Vert.x's: never shut down here.
     */
    private static final class OneLoopEach implements EventLoopGroupProvider {
        private final List<EventLoop> loops;
        private final AtomicInteger next = new AtomicInteger();

        OneLoopEach(List<EventLoop> loops) {
            this.loops = loops;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends EventLoopGroup> T allocate(Class<T> type) {
            return (T) loops.get(next.getAndIncrement() % loops.size());
        }

        @Override
        public int threadPoolSize() {
            return loops.size();
        }

        @Override
        public io.netty.util.concurrent.Future<Boolean> release(EventExecutorGroup group, long quiet, long timeout, TimeUnit unit) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
        }

        @Override
        public io.netty.util.concurrent.Future<Boolean> shutdown(long quiet, long timeout, TimeUnit unit) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
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

    /** The commands of the connection on the calling thread's event loop, or of the first connection. */
    public RedisAsyncCommands<String, String> commands() {
        for (int i = 1; i < loops.size(); i++) {
            if (loops.get(i).inEventLoop()) {
                return connections.get(i).async();
            }
        }
        return connections.get(0).async();
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
        return clients.get(0).connectPubSub();
    }

    /** PING, for readiness checks. */
    public Future<String> ping() {
        return future(commands().ping());
    }

    @Override
    public void close() {
        connections.forEach(StatefulRedisConnection::close);
        clients.forEach(RedisClient::shutdown);
        resources.shutdown();
    }
}
