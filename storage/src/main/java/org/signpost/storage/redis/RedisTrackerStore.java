package org.signpost.storage.redis;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.signpost.core.event.ConversationEvent;
import org.signpost.storage.EncodedAppends;
import org.signpost.storage.EventCodec;
import org.signpost.storage.HeldConversations;

/**
 * Conversation event logs in Redis lists ({@code signpost:conversation:<id>}), one JSON event per
 * entry, expiring {@code ttl} after the last append: the hot state of live conversations. The
 * durable transcript belongs in MongoDB.
 *
 * <p>Optionally, an instance keeps the conversations it has read, decoded, and a load reads from
 * Redis only the entries appended since (by this instance or any other): every turn reading and
 * decoding the whole conversation made a turn's cost grow with the conversation. That is sound
 * because a list only grows: it is appended to, or put back whole from the transcript, which holds
 * every acknowledged event. A list shorter than what an instance holds (lost, or a replica
 * behind) is read again whole.
 */
public final class RedisTrackerStore implements EncodedAppends, ReadAhead {

    private final Redis redis;
    private final String prefix;
    private final Duration ttl;
    /** Conversations read by this instance, decoded. */
    private final HeldConversations known;
    /** Reads sent with a conversation's lock ({@link ReadAhead}), for its turn's load. */
    private final Map<String, Read> ahead = new ConcurrentHashMap<>();

    /** Without a cache: every load reads the whole list. */
    public RedisTrackerStore(Redis redis, Duration ttl) {
        this(redis, ttl, 0);
    }

    /** @param bytesHeld the estimated bytes of decoded events this instance keeps, over all conversations (0 for none) */
    public RedisTrackerStore(Redis redis, Duration ttl, long bytesHeld) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.prefix = redis.key("conversation:");
        this.known = new HeldConversations(bytesHeld);
    }

    @Override
    public Future<List<ConversationEvent>> load(String conversationId) {
        Read read = ahead.remove(conversationId);
        Read chosen = read != null ? read : read(conversationId);
        return Redis.future(chosen.since()).compose(since -> {
            List<ConversationEvent> held = chosen.held();
            if (since.length() < held.size()) {
                known.remove(conversationId);
                return load(conversationId);
            }
            if (since.entries().isEmpty()) {
                return Future.succeededFuture(held);
            }
            return Future.succeededFuture(known.putAfter(conversationId, held, EventCodec.decodeAll(since.entries())));
        });
    }

    @Override
    public CompletionStage<?> start(String conversationId) {
        Read read = read(conversationId);
        ahead.put(conversationId, read);
        return read.since().handle((since, failure) -> since);
    }

    @Override
    public void discard(String conversationId) {
        ahead.remove(conversationId);
    }

    /**
     * Sends the read of what Redis has beyond the events held (all of it when none are). Both
     * commands go out at once on the connection: one round trip, and one hand-over to the caller's
     * thread for both answers (each hand-over from Lettuce's thread is a wake-up of the event loop).
     */
    private Read read(String conversationId) {
        List<ConversationEvent> held = known.get(conversationId);
        List<ConversationEvent> base = held == null ? List.of() : held;
        String key = prefix + conversationId;
        return new Read(base, redis.commands().llen(key).thenCombine(redis.commands().lrange(key, base.size(), -1), Since::new));
    }

    /** A read sent: the events held when it was sent, and what Redis answers. */
    private record Read(List<ConversationEvent> held, CompletionStage<Since> since) {
    }

    /** A conversation's length in Redis and its entries after those held. */
    private record Since(long length, List<String> entries) {
    }

    @Override
    public Future<Void> append(String conversationId, List<ConversationEvent> events) {
        return append(conversationId, events, EventCodec.encodeAll(events));
    }

    @Override
    public Future<Void> append(String conversationId, List<ConversationEvent> events, List<String> encodedEvents) {
        if (events.isEmpty()) {
            return Future.succeededFuture();
        }
        String key = prefix + conversationId;
        String[] encoded = encodedEvents.toArray(String[]::new);
        // Both commands go out at once: Lettuce keeps one connection's commands in order, so Redis
        // runs RPUSH before EXPIRE without a round trip between them (and one hand-over for both).
        CompletionStage<Long> pushed = redis.commands().rpush(key, encoded)
                .thenCombine(redis.commands().expire(key, ttl.toSeconds()), (length, expiring) -> length);
        return Redis.future(pushed).onComplete(done -> {
            if (done.succeeded()) {
                // Held as it was just before this append, it stays right; otherwise it is read again.
                known.extend(conversationId, events, done.result());
            } else {
                known.remove(conversationId);
            }
        }).mapEmpty();
    }

    /**
     * Puts a lost conversation's events back, unless the conversation is already there again:
     * whichever of several concurrent restores runs first wins, and the others change nothing.
     */
    public Future<Void> restore(String conversationId, List<ConversationEvent> events) {
        if (events.isEmpty()) {
            return Future.succeededFuture();
        }
        List<String> encoded = EventCodec.encodeAll(events);
        String[] arguments = new String[encoded.size() + 1];
        arguments[0] = String.valueOf(ttl.toSeconds());
        for (int i = 0; i < encoded.size(); i++) {
            arguments[i + 1] = encoded.get(i);
        }
        String[] keys = {prefix + conversationId};
        known.remove(conversationId);
        return Redis.future(redis.commands().<Long>eval(RESTORE, ScriptOutputType.INTEGER, keys, arguments)).mapEmpty();
    }

    /** Pushes in slices: Lua can unpack only a few thousand values at once. */
    private static final String RESTORE = "if redis.call('exists', KEYS[1]) == 1 then return 0 end "
            + "for i = 2, #ARGV, 1000 do redis.call('rpush', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV))) end "
            + "redis.call('expire', KEYS[1], ARGV[1]) return 1";

    /** Redis entries expire {@code ttl} after their last append; retention needs nothing more here. */
    @Override
    public Future<Integer> deleteIdleSince(Instant cutoff) {
        return Future.succeededFuture(0);
    }

    @Override
    public Future<List<String>> conversationIds() {
        Promise<List<String>> done = Promise.promise();
        scan(ScanCursor.INITIAL, new ArrayList<>(), done);
        return done.future();
    }

    private void scan(ScanCursor cursor, List<String> ids, Promise<List<String>> done) {
        Redis.future(redis.commands().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500))).onComplete(page -> {
            if (page.failed()) {
                done.fail(page.cause());
                return;
            }
            page.result().getKeys().forEach(key -> ids.add(key.substring(prefix.length())));
            if (page.result().isFinished()) {
                done.complete(List.copyOf(ids));
            } else {
                scan(page.result(), ids, done);
            }
        });
    }
}
