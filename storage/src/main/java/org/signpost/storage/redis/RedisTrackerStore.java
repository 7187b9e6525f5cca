package org.signpost.storage.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import org.signpost.core.conversation.EventsFrom;
import org.signpost.core.event.ConversationEvent;
import org.signpost.storage.EncodedAppends;
import org.signpost.storage.EventCodec;

/**
 * Conversation event logs in Redis lists ({@code signpost:conversation:<id>}), one JSON event per
 * entry, expiring {@code ttl} after the last append: the hot state of live conversations. The
 * durable transcript belongs in MongoDB.
 *
 * <p>A turn reads its conversation from the last event it knows on ({@link #loadFrom}): the events
 * appended since, by this instance or another, and that one event, which shows it is still the same
 * conversation. Each instance remembers every conversation's length as it last saw it, and sends
 * that read with the turn's lock ({@link ReadAhead}). Events are not held in
 * memory: reading and decoding whole conversations, or holding them, made a turn's cost or an
 * instance's memory grow with the conversation.
 */
public final class RedisTrackerStore implements EncodedAppends, ReadAhead {

    private final Redis redis;
    private final String prefix;
    private final Duration ttl;
    /** Each conversation's length as this instance last saw it. */
    private final Cache<String, Long> lengths;
    /** Reads sent with a conversation's lock ({@link ReadAhead}), for its turn's load. */
    private final Map<String, Read> ahead = new ConcurrentHashMap<>();

    /** Without remembering conversations: a read ahead with the lock reads the whole conversation. */
    public RedisTrackerStore(Redis redis, Duration ttl) {
        this(redis, ttl, 0);
    }

    /** @param conversations how many conversations' lengths to remember at most */
    public RedisTrackerStore(Redis redis, Duration ttl, long conversations) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.prefix = redis.key("conversation:");
        this.lengths = Caffeine.newBuilder().maximumSize(conversations).executor(Runnable::run).build();
    }

    @Override
    public Future<List<ConversationEvent>> load(String conversationId) {
        return Redis.future(taken(conversationId, 0).since()).map(since -> {
            List<ConversationEvent> events = EventCodec.decodeAll(since.entries());
            if (!events.isEmpty()) {
                remember(conversationId, events.size());
            }
            return events;
        });
    }

    @Override
    public Future<EventsFrom> loadFrom(String conversationId, int from) {
        return Redis.future(taken(conversationId, from).since()).map(since -> {
            List<ConversationEvent> events = EventCodec.decodeAll(since.entries());
            // LLEN went first: an append by a caller without the lock may have come between the two.
            long length = Math.max(since.length(), (long) from + events.size());
            if (!events.isEmpty()) {
                remember(conversationId, length);
            }
            return new EventsFrom(from, (int) Math.min(Integer.MAX_VALUE, length), events);
        });
    }

    /** The read sent ahead for this conversation when it covers {@code from}, cut to it; otherwise a read sent now. */
    private Read taken(String conversationId, int from) {
        Read read = ahead.remove(conversationId);
        if (read == null || read.from() > from) {
            return read(conversationId, from);
        }
        int skip = from - read.from();
        return skip == 0 ? read : new Read(from, read.since().thenApply(since -> since.after(skip)));
    }

    /**
     * The latest read wins, even if shorter: a list lost and put back from the transcript may be.
     * One that ran beside another caller's append leaves it a little short, and the next turn's
     * read ahead merely starts earlier than it need.
     */
    private void remember(String conversationId, long length) {
        lengths.put(conversationId, length);
    }

    @Override
    public CompletionStage<?> start(String conversationId) {
        Long length = lengths.getIfPresent(conversationId);
        Read read = read(conversationId, length == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(0, length - 1)));
        ahead.put(conversationId, read);
        return read.since().handle((since, failure) -> since);
    }

    @Override
    public void discard(String conversationId) {
        ahead.remove(conversationId);
    }

    /**
     * Sends the read of the conversation's length and its entries from {@code from} on. Both
     * commands go out at once on the connection: one round trip, and one hand-over to the caller's
     * thread for both answers (each hand-over from Lettuce's thread is a wake-up of the event loop).
     */
    private Read read(String conversationId, int from) {
        String key = prefix + conversationId;
        return new Read(from, redis.commands().llen(key).thenCombine(redis.commands().lrange(key, from, -1), Since::new));
    }

    /** A read sent: where it starts, and what Redis answers. */
    private record Read(int from, CompletionStage<Since> since) {
    }

    /** A conversation's length in Redis and its entries from where the read started. */
    private record Since(long length, List<String> entries) {

        Since after(int skip) {
            return new Since(length, entries.subList(Math.min(skip, entries.size()), entries.size()));
        }
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
            // Remembered as it was just before this append, it stays right; otherwise it is read again.
            lengths.asMap().computeIfPresent(conversationId, (id, length) -> done.succeeded()
                    && length + events.size() == done.result() ? done.result() : null);
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
        lengths.invalidate(conversationId);
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
