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
import java.util.Optional;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.event.ConversationEvent;

/**
 * Conversation event logs in Redis lists ({@code signpost:conversation:<id>}), one JSON event per
 * entry, expiring {@code ttl} after the last append: the hot state of live conversations. The
 * durable transcript belongs in MongoDB.
 *
 * <p>Decoding a whole conversation on every turn costs more the longer it gets, so each instance
 * keeps the decoded events of the conversations it served recently, with the list length they
 * were read at, and reads only what was appended since (by any instance). The list only grows
 * while it exists, so a cached prefix stays true; it could be replaced only by expiring and being
 * recreated, which takes far longer than a cached entry is trusted ({@link #TRUST_CACHE_FOR}).
 */
public final class RedisTrackerStore implements TrackerStore {

    static final Duration TRUST_CACHE_FOR = Duration.ofMinutes(10);

    private final Redis redis;
    private final String prefix;
    private final Duration ttl;
    private final DecodedCache decoded;

    public RedisTrackerStore(Redis redis, Duration ttl) {
        this(redis, ttl, 10_000);
    }

    /** @param cachedConversations how many conversations' decoded events this instance keeps */
    public RedisTrackerStore(Redis redis, Duration ttl, int cachedConversations) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.prefix = redis.key("conversation:");
        this.decoded = new DecodedCache(cachedConversations);
    }

    @Override
    public Future<List<ConversationEvent>> load(String conversationId) {
        String key = prefix + conversationId;
        Optional<Decoded> cached = decoded.get(conversationId);
        if (cached.isEmpty()) {
            return Redis.future(redis.commands().lrange(key, 0, -1)).map(entries -> {
                List<ConversationEvent> events = entries.stream().map(EventCodec::decode).toList();
                decoded.put(conversationId, new Decoded(events));
                return events;
            });
        }
        Decoded known = cached.get();
        // Sent together on one connection: the tail since the cached length, then the length now.
        Future<List<String>> tail = Redis.future(redis.commands().lrange(key, known.events().size(), -1));
        Future<Long> length = Redis.future(redis.commands().llen(key));
        return Future.all(tail, length).compose(read -> {
            if (length.result() != known.events().size() + tail.result().size()) {
                // Changed between the two reads, or no longer the list that was cached: read it whole.
                decoded.remove(conversationId);
                return load(conversationId);
            }
            List<ConversationEvent> events = known.extendedBy(tail.result().stream().map(EventCodec::decode).toList());
            decoded.put(conversationId, new Decoded(events));
            return Future.succeededFuture(events);
        });
    }

    @Override
    public Future<Void> append(String conversationId, List<ConversationEvent> events) {
        if (events.isEmpty()) {
            return Future.succeededFuture();
        }
        String key = prefix + conversationId;
        String[] encoded = events.stream().map(EventCodec::encode).toArray(String[]::new);
        // Both commands go out at once: Lettuce keeps one connection's commands in order, so Redis
        // runs RPUSH before EXPIRE without a round trip between them.
        Future<Long> pushed = Redis.future(redis.commands().rpush(key, encoded));
        return Future.all(pushed, Redis.future(redis.commands().expire(key, ttl.toSeconds()))).onComplete(done -> {
            Optional<Decoded> known = decoded.get(conversationId);
            if (done.succeeded() && known.isPresent() && pushed.result() == known.get().events().size() + events.size()) {
                decoded.put(conversationId, new Decoded(known.get().extendedBy(events)));
            } else {
                decoded.remove(conversationId);
            }
        }).mapEmpty();
    }

    /** A conversation's events as decoded at {@code readAt} (nanoTime). */
    private record Decoded(List<ConversationEvent> events, long readAt) {

        Decoded(List<ConversationEvent> events) {
            this(List.copyOf(events), System.nanoTime());
        }

        List<ConversationEvent> extendedBy(List<ConversationEvent> more) {
            List<ConversationEvent> all = new ArrayList<>(events.size() + more.size());
            all.addAll(events);
            all.addAll(more);
            return all;
        }
    }

    /** The most recently used conversations' decoded events; thread-safe. */
    private static final class DecodedCache {

        private final Map<String, Decoded> entries;

        DecodedCache(int capacity) {
            this.entries = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Decoded> eldest) {
                    return size() > capacity;
                }
            };
        }

        synchronized Optional<Decoded> get(String conversationId) {
            Decoded found = entries.get(conversationId);
            if (found != null && System.nanoTime() - found.readAt() > TRUST_CACHE_FOR.toNanos()) {
                entries.remove(conversationId);
                return Optional.empty();
            }
            return Optional.ofNullable(found);
        }

        synchronized void put(String conversationId, Decoded events) {
            entries.put(conversationId, events);
        }

        synchronized void remove(String conversationId) {
            entries.remove(conversationId);
        }
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
