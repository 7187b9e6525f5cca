package org.signpost.storage.redis;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.signpost.core.staff.SignInThrottle;

/**
 * The sign-in throttle shared by every instance: each username's recent attempts are a sorted set
 * in Redis ({@code signpost:sign-in:<name>}, scored by when each began), and one script forgets the
 * old ones, counts the rest and adds the new one, so parallel guesses on different instances
 * cannot all slip through. The set expires a window after its latest attempt.
 */
public final class RedisSignInThrottle implements SignInThrottle {

    /**
     * KEYS[1] the set; ARGV: now (ms), window (ms), attempts allowed, a name for this attempt.
     * Answers 0 when the attempt may go ahead, else the milliseconds until the oldest ages out.
     */
    private static final String BEGIN = "redis.call('zremrangebyscore', KEYS[1], '-inf', '(' .. (ARGV[1] - ARGV[2])) "
            + "if redis.call('zcard', KEYS[1]) >= tonumber(ARGV[3]) then "
            + "local oldest = redis.call('zrange', KEYS[1], 0, 0, 'WITHSCORES') "
            + "return tonumber(oldest[2]) + ARGV[2] - ARGV[1] end "
            + "redis.call('zadd', KEYS[1], ARGV[1], ARGV[4]) "
            + "redis.call('pexpire', KEYS[1], ARGV[2]) "
            + "return 0";

    private final Redis redis;
    private final int attempts;
    private final Duration window;
    private final Clock clock;

    public RedisSignInThrottle(Redis redis, int attempts, Duration window, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.attempts = attempts;
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Future<Long> begin(String username) {
        String[] keys = {key(username)};
        long now = clock.millis();
        return Redis.future(redis.commands().<Long>eval(BEGIN, ScriptOutputType.INTEGER, keys, String.valueOf(now),
                String.valueOf(window.toMillis()), String.valueOf(attempts), now + ":" + UUID.randomUUID()))
                .map(waitMillis -> waitMillis <= 0 ? 0L : Math.max(1, (waitMillis + 999) / 1000));
    }

    @Override
    public Future<Void> succeeded(String username) {
        return Redis.future(redis.commands().del(key(username))).mapEmpty();
    }

    private String key(String username) {
        return redis.key("sign-in:" + SignInThrottle.countedAs(username));
    }
}
