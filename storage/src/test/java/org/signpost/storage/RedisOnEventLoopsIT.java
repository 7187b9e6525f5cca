package org.signpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signpost.core.event.SlotSet;
import org.signpost.storage.redis.Redis;
import org.signpost.storage.redis.RedisConversationLock;
import org.signpost.storage.redis.RedisTrackerStore;

/**
 * Redis connected on Vert.x's event loops, as the server connects, against a real Redis server:
 * each loop sends and is answered on a connection of its own, and a conversation's turns moving
 * between loops (and so between connections) still find its lock released.
 */
class RedisOnEventLoopsIT {

    private static Vertx vertx;
    private static Redis redis;
    private static List<EventLoop> loops;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        redis = Redis.connect(vertx, TestRedis.url(), "signpost-test-loops-" + System.nanoTime() + ":");
        loops = Redis.eventLoops(vertx);
    }

    @AfterAll
    static void close() throws Exception {
        TestRedis.clean(redis);
        redis.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachEventLoopIsAnsweredOnItsOwnThreadOverAConnectionOfItsOwn() throws Exception {
        assertThat(loops).hasSizeGreaterThan(1);
        List<Long> clientIds = new ArrayList<>();
        for (EventLoop loop : loops) {
            CompletableFuture<Thread> answeredOn = new CompletableFuture<>();
            CompletableFuture<Long> clientId = new CompletableFuture<>();
            loop.execute(() -> redis.commands().clientId().whenComplete((id, failure) -> {
                answeredOn.complete(Thread.currentThread());
                if (failure == null) {
                    clientId.complete(id);
                } else {
                    clientId.completeExceptionally(failure);
                }
            }));
            clientIds.add(clientId.get(10, TimeUnit.SECONDS));
            assertThat(loop.inEventLoop(answeredOn.get())).as("answered on the loop that asked").isTrue();
        }
        assertThat(clientIds).doesNotHaveDuplicates();

        // Any other thread shares the first loop's connection.
        assertThat(redis.commands().clientId().get(10, TimeUnit.SECONDS)).isEqualTo(clientIds.get(0));
    }

    @Test
    void aConversationsTurnsAlternatingBetweenEventLoopsEachFindItsLockReleased() throws Exception {
        RedisTrackerStore store = new RedisTrackerStore(redis, Duration.ofHours(1), 1_000);
        // No wait for the lock: a turn whose SET NX reached Redis before the last turn's release
        // (sent on the other loop's connection) would fail instead of trying again.
        RedisConversationLock lock = new RedisConversationLock(vertx, redis, Duration.ofSeconds(10), Duration.ZERO, store);
        String id = "between-loops-" + System.nanoTime();
        // Each turn comes as soon as the last has answered, on the other loop.
        Future<Void> turns = Future.succeededFuture();
        for (int i = 0; i < 20; i++) {
            EventLoop loop = loops.get(i % 2);
            turns = turns.compose(answered -> on(loop, () -> lock.withLock(id, () -> store.load(id).compose(before ->
                    store.append(id, List.of(new SlotSet(Instant.EPOCH, "turn", String.valueOf(before.size()))))))));
        }
        turns.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        List<String> counted = store.load(id).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .stream().map(event -> ((SlotSet) event).value()).toList();
        assertThat(counted).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(String::valueOf).toList());
    }

    /** Starts {@code work} on {@code loop}. */
    private static <T> Future<T> on(EventLoop loop, Supplier<Future<T>> work) {
        Promise<T> done = Promise.promise();
        loop.execute(() -> work.get().onComplete(done));
        return done.future();
    }
}
