package org.signpost.storage.redis;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.event.ConversationEvent;

/**
 * Conversation event logs in Redis lists ({@code signpost:conversation:<id>}), one JSON event per
 * entry, expiring {@code ttl} after the last append: the hot state of live conversations. The
 * durable transcript belongs in MongoDB.
 *
 * <p>Every turn loads its conversation, and decoding every event of a long conversation every
 * turn was a large part of a turn's cost. So the events this instance has decoded are kept
 * ({@value #DECODED_CONVERSATIONS} conversations, least recently used leave first), and a load
 * reads only what was appended since, in one atomic script that also returns the list's length
 * and first entry: a list only grows while it exists, so a list at least as long, starting with
 * the same entry, is the kept one with more after it. Anything else (expired, restored, replaced)
 * is read whole. Several instances stay right: each checks Redis on every load.
 */
public final class RedisTrackerStore implements TrackerStore {

    static final int DECODED_CONVERSATIONS = 10_000;

    /** A conversation's events as this instance last read them, and the first entry as stored. */
    private record Decoded(String first, List<ConversationEvent> events) {
    }

    private final Redis redis;
    private final String prefix;
    private final Duration ttl;
    private final Map<String, Decoded> decoded = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Decoded> eldest) {
            return size() > DECODED_CONVERSATIONS;
        }
    };

    public RedisTrackerStore(Redis redis, Duration ttl) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.prefix = redis.key("conversation:");
    }

    @Override
    public Future<List<ConversationEvent>> load(String conversationId) {
        Decoded known;
        synchronized (decoded) {
            known = decoded.get(conversationId);
        }
        if (known == null) {
            return loadWhole(conversationId);
        }
        String[] keys = {prefix + conversationId};
        return Redis.future(redis.commands().<List<Object>>eval(SINCE, ScriptOutputType.MULTI, keys,
                String.valueOf(known.events().size()))).compose(reply -> {
                    long length = (Long) reply.get(0);
                    if (length < known.events().size() || !known.first().equals(reply.get(1))) {
                        return loadWhole(conversationId);
                    }
                    List<ConversationEvent> events = new ArrayList<>(known.events());
                    for (Object entry : reply.subList(2, reply.size())) {
                        events.add(EventCodec.decode((String) entry));
                    }
                    return Future.succeededFuture(keep(conversationId, known.first(), events));
                });
    }

    private Future<List<ConversationEvent>> loadWhole(String conversationId) {
        return Redis.future(redis.commands().lrange(prefix + conversationId, 0, -1)).map(entries -> {
            List<ConversationEvent> events = entries.stream().map(EventCodec::decode).toList();
            return entries.isEmpty() ? events : keep(conversationId, entries.get(0), events);
        });
    }

    private List<ConversationEvent> keep(String conversationId, String first, List<ConversationEvent> events) {
        List<ConversationEvent> kept = List.copyOf(events);
        synchronized (decoded) {
            decoded.put(conversationId, new Decoded(first, kept));
        }
        return kept;
    }

    /** The list's length, its first entry ('' when none) and its entries from index ARGV[1] on. */
    private static final String SINCE = "local length = redis.call('llen', KEYS[1]) "
            + "local first = redis.call('lindex', KEYS[1], 0) or '' "
            + "local since = redis.call('lrange', KEYS[1], ARGV[1], -1) "
            + "table.insert(since, 1, first) table.insert(since, 1, length) return since";

    @Override
    public Future<Void> append(String conversationId, List<ConversationEvent> events) {
        if (events.isEmpty()) {
            return Future.succeededFuture();
        }
        String key = prefix + conversationId;
        String[] encoded = events.stream().map(EventCodec::encode).toArray(String[]::new);
        // Both commands go out at once: Lettuce keeps one connection's commands in order, so Redis
        // runs RPUSH before EXPIRE without a round trip between them.
        return Future.all(Redis.future(redis.commands().rpush(key, encoded)),
                Redis.future(redis.commands().expire(key, ttl.toSeconds()))).mapEmpty();
    }

    /**
     * Puts a lost conversation's events back, unless the conversation is already there again:
     * whichever of several concurrent restores runs first wins, and the others change nothing.
     */
    public Future<Void> restore(String conversationId, List<ConversationEvent> events) {
        if (events.isEmpty()) {
            return Future.succeededFuture();
        }
        String[] arguments = new String[events.size() + 1];
        arguments[0] = String.valueOf(ttl.toSeconds());
        for (int i = 0; i < events.size(); i++) {
            arguments[i + 1] = EventCodec.encode(events.get(i));
        }
        String[] keys = {prefix + conversationId};
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
