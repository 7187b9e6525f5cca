package org.signpost.storage.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.signpost.core.conversation.ConversationLock;
import org.signpost.core.conversation.InMemoryConversationLock;
import org.signpost.error.SignpostException;

/**
 * A per-conversation lock shared by every instance: {@code SET key token NX PX lease} in Redis.
 * Within one instance, turns of a conversation queue in arrival order first (so they do not
 * race each other for Redis); across instances, the Redis key keeps them apart. The lease means
 * an instance that crashes mid-turn blocks its conversation for at most {@code lease}. Only the
 * holder's token can release the key. The conversation's read goes out with {@code SET NX}
 * ({@link ReadAhead}): a turn's first two round trips are one.
 */
public final class RedisConversationLock implements ConversationLock {

    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";

    private final Vertx vertx;
    private final Redis redis;
    private final Duration lease;
    private final Duration wait;
    private final ReadAhead readAhead;
    private final InMemoryConversationLock local = new InMemoryConversationLock();

    /**
     * @param lease how long a lock lives if its holder never releases it
     * @param wait how long a turn waits for the lock before it fails
     */
    public RedisConversationLock(Vertx vertx, Redis redis, Duration lease, Duration wait) {
        this(vertx, redis, lease, wait, ReadAhead.NONE);
    }

    /** @param readAhead sends the conversation's read with the lock's command */
    public RedisConversationLock(Vertx vertx, Redis redis, Duration lease, Duration wait, ReadAhead readAhead) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.readAhead = Objects.requireNonNull(readAhead, "readAhead");
    }

    /** The lock could not be had in time: another instance holds the conversation. */
    public static final class LockTimeoutException extends SignpostException {
        LockTimeoutException(String message) {
            super(message);
        }
    }

    /**
     * The work's answer is given as soon as the work has done; this instance's next turn of the
     * conversation waits until Redis has also released the key. The next turn may send its
     * {@code SET NX} on another connection (one per event loop: {@link Redis}), which Redis
     * could otherwise run before the release and refuse.
     */
    @Override
    public <T> Future<T> withLock(String conversationId, Supplier<Future<T>> work) {
        Promise<T> answered = Promise.promise();
        local.withLock(conversationId, () -> {
            String key = redis.key("lock:" + conversationId);
            String token = UUID.randomUUID().toString();
            return acquire(conversationId, key, token, System.nanoTime() + wait.toNanos(), 1)
                    .compose(acquired -> ConversationLock.attempt(work).onComplete(answered).eventually(() -> {
                        readAhead.discard(conversationId);
                        return release(key, token);
                    }));
        }).onFailure(answered::tryFail);
        return answered.future();
    }

    private Future<Void> acquire(String conversationId, String key, String token, long deadline, int attempt) {
        CompletionStage<String> set = redis.commands().set(key, token, SetArgs.Builder.nx().px(lease.toMillis()));
        CompletionStage<?> read = readAhead.start(conversationId);
        // One hand-over to this thread for both answers.
        return Redis.future(set.thenCombine(read, (reply, ignored) -> reply)).compose(reply -> {
            if ("OK".equals(reply)) {
                return Future.succeededFuture();
            }
            // Read while another instance held the conversation: it may be changing.
            readAhead.discard(conversationId);
            if (System.nanoTime() > deadline) {
                return Future.failedFuture(new LockTimeoutException("the conversation is busy on another instance"));
            }
            Promise<Void> retried = Promise.promise();
            long delay = Math.min(50, 1L << Math.min(attempt, 6));
            vertx.setTimer(delay, timer -> acquire(conversationId, key, token, deadline, attempt + 1).onComplete(retried));
            return retried.future();
        }, failure -> {
            readAhead.discard(conversationId);
            return Future.failedFuture(failure);
        });
    }

    /** Never fails: a release that fails leaves the key to its lease. */
    private Future<Void> release(String key, String token) {
        return Redis.future(redis.commands().<Long>eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, token))
                .<Void>mapEmpty().otherwiseEmpty();
    }
}
