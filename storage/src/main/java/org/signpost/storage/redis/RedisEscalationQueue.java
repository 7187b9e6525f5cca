package org.signpost.storage.redis;

import io.lettuce.core.KeyValue;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import io.lettuce.core.ScriptOutputType;
import org.signpost.core.escalation.Claim;
import org.signpost.core.escalation.Escalation;
import org.signpost.core.escalation.EscalationQueue;
import org.signpost.core.escalation.Priority;
import org.signpost.core.message.Channel;
import org.signpost.storage.IsoInstant;

/**
 * The navigators' queue in Redis, shared by every instance: a sorted set ordered by priority
 * then creation time, and each escalation as JSON under its own key.
 */
public final class RedisEscalationQueue implements EscalationQueue {

    private final Redis redis;
    private final String queue;
    private final String item;
    private final String held;

    public RedisEscalationQueue(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.queue = redis.key("escalations");
        this.item = redis.key("escalation:");
        this.held = redis.key("escalations:held:");
    }

    /** Safety before urgent before routine; within a priority, the longest waiting first. */
    static double score(Escalation escalation) {
        return escalation.priority().ordinal() * 1e13 + escalation.createdAt().toEpochMilli();
    }

    @Override
    public Future<Void> add(Escalation escalation) {
        return Redis.future(redis.commands().set(item + escalation.id(), encode(escalation)))
                .compose(stored -> Redis.future(redis.commands().zadd(queue, score(escalation), escalation.id())))
                .mapEmpty();
    }

    /**
     * Removing the id from the queue is the claim: Redis runs the script atomically, so exactly
     * one claim sees the removal succeed and records its navigator as the holder.
     */
    private static final String CLAIM = "if redis.call('zrem', KEYS[1], ARGV[1]) == 1 then "
            + "redis.call('set', KEYS[2], ARGV[2]) redis.call('sadd', KEYS[3], ARGV[1]) return 'won:' .. ARGV[2] "
            + "else local holder = redis.call('get', KEYS[2]) "
            + "if holder then return 'taken:' .. holder else return 'none:' end end";

    @Override
    public Future<Claim> claim(String escalationId, String navigator) {
        String[] keys = {queue, item + escalationId + ":holder", held + navigator};
        return Redis.future(redis.commands().<String>eval(CLAIM, ScriptOutputType.VALUE, keys, escalationId, navigator))
                .compose(result -> {
                    if (result.startsWith("won:")) {
                        return Redis.future(redis.commands().get(item + escalationId))
                                .map(json -> Claim.won(navigator, decode(json)));
                    }
                    return Future.succeededFuture(result.startsWith("taken:")
                            ? Claim.taken(result.substring("taken:".length())) : Claim.notFound());
                });
    }

    @Override
    public Future<List<Escalation>> waiting() {
        return Redis.future(redis.commands().zrange(queue, 0, -1)).compose(this::read);
    }

    @Override
    public Future<List<Escalation>> heldBy(String navigator) {
        return Redis.future(redis.commands().smembers(held + navigator)).compose(ids -> read(List.copyOf(ids)))
                .map(escalations -> escalations.stream().sorted(Comparator.comparingDouble(RedisEscalationQueue::score)).toList());
    }

    /** The holder stays recorded, so a late claim still learns who had it. */
    private static final String FINISH = "local holder = redis.call('get', KEYS[1]) "
            + "if holder then redis.call('srem', ARGV[1] .. holder, ARGV[2]) end return 1";

    @Override
    public Future<Void> finish(String escalationId) {
        String[] keys = {item + escalationId + ":holder"};
        return Redis.future(redis.commands().<Long>eval(FINISH, ScriptOutputType.INTEGER, keys, held, escalationId)).mapEmpty();
    }

    private Future<List<Escalation>> read(List<String> ids) {
        if (ids.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        String[] keys = ids.stream().map(id -> item + id).toArray(String[]::new);
        return Redis.future(redis.commands().mget(keys)).map(values -> values.stream()
                .filter(KeyValue::hasValue).map(value -> decode(value.getValue())).toList());
    }

    static String encode(Escalation escalation) {
        return new JsonObject().put("id", escalation.id()).put("conversation", escalation.conversationId())
                .put("channel", escalation.channel().id()).put("reason", escalation.reason())
                .put("priority", escalation.priority().id()).put("created_at", escalation.createdAt().toString())
                .put("details", new JsonObject(new LinkedHashMap<String, Object>(escalation.details()))).encode();
    }

    static Escalation decode(String encoded) {
        JsonObject json = new JsonObject(encoded);
        Map<String, String> details = new LinkedHashMap<>();
        json.getJsonObject("details", new JsonObject()).forEach(entry -> details.put(entry.getKey(), String.valueOf(entry.getValue())));
        return new Escalation(json.getString("id"), json.getString("conversation"), Channel.fromId(json.getString("channel")),
                json.getString("reason"), Priority.fromId(json.getString("priority")),
                IsoInstant.parse(json.getString("created_at")), details);
    }
}
