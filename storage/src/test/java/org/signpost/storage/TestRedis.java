package org.signpost.storage;

import java.util.UUID;
import org.signpost.storage.redis.Redis;

/**
 * The real Redis server the tests use: {@code REDIS_URL}, which {@code scripts/test} sets (to a
 * running server on 127.0.0.1:6379, or one it starts). Each test run works in its own key
 * namespace and removes its keys afterwards, so a developer's Redis is left as it was.
 */
final class TestRedis {

    private TestRedis() {
    }

    static String url() {
        String url = System.getenv("REDIS_URL");
        if (url == null || url.isBlank()) {
            url = System.getProperty("signpost.redis.url");
        }
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("Redis tests need a Redis server: set REDIS_URL (./scripts/test finds or starts one)");
        }
        return url;
    }

    static Redis connect() {
        return Redis.connect(url(), "signpost-test-" + UUID.randomUUID() + ":");
    }

    /** Removes every key of the test's namespace. */
    static void clean(Redis redis) throws Exception {
        var keys = redis.commands().keys(redis.key("*")).get();
        if (!keys.isEmpty()) {
            redis.commands().del(keys.toArray(String[]::new)).get();
        }
    }
}
