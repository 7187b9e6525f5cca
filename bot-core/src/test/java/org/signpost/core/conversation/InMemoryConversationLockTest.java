package org.signpost.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryConversationLockTest {

    private final InMemoryConversationLock lock = new InMemoryConversationLock();

    @Test
    void runsTurnsOfOneConversationOneAtATimeInArrivalOrder() {
        List<String> log = new ArrayList<>();
        Promise<String> first = Promise.promise();

        Future<String> a = lock.withLock("c1", () -> {
            log.add("a starts");
            return first.future();
        });
        Future<String> b = lock.withLock("c1", () -> {
            log.add("b runs");
            return Future.succeededFuture("b");
        });

        assertThat(log).containsExactly("a starts");
        assertThat(b.isComplete()).isFalse();

        first.complete("a");

        assertThat(log).containsExactly("a starts", "b runs");
        assertThat(a.result()).isEqualTo("a");
        assertThat(b.result()).isEqualTo("b");
        assertThat(lock.activeConversations()).isZero();
    }

    @Test
    void otherConversationsDoNotWait() {
        Promise<String> blocked = Promise.promise();
        lock.withLock("c1", () -> blocked.future());

        Future<String> other = lock.withLock("c2", () -> Future.succeededFuture("c2"));

        assertThat(other.result()).isEqualTo("c2");
    }

    @Test
    void releasesTheLockWhenATurnFailsOrThrows() {
        Future<String> failed = lock.withLock("c1", () -> Future.failedFuture(new IllegalStateException("boom")));
        Future<String> thrown = lock.withLock("c1", () -> {
            throw new IllegalStateException("thrown");
        });
        Future<String> next = lock.withLock("c1", () -> Future.succeededFuture("next"));

        assertThat(failed.failed()).isTrue();
        assertThat(thrown.cause()).hasMessage("thrown");
        assertThat(next.result()).isEqualTo("next");
        assertThat(lock.activeConversations()).isZero();
    }
}
