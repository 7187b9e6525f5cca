package org.signpost.core.staff;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sign-in throttle of one instance, in memory: {@code attempts} within {@code window}. Memory
 * is bounded by the names tried within one window (itself bounded by how fast passwords can be
 * checked); stale names are swept at most once a minute, never as a scan per request.
 */
public final class InMemorySignInThrottle implements SignInThrottle {

    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final int attempts;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();
    private volatile Instant nextSweep;

    public InMemorySignInThrottle(int attempts, Duration window, Clock clock) {
        this.attempts = attempts;
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nextSweep = clock.instant().plus(SWEEP_EVERY);
    }

    @Override
    public Future<Long> begin(String username) {
        sweepIfDue();
        long[] blockedFor = {0};
        recent.compute(SignInThrottle.countedAs(username), (name, times) -> {
            Deque<Instant> updated = times == null ? new ArrayDeque<>() : times;
            forgetOld(updated);
            if (updated.size() >= attempts) {
                long millis = Duration.between(clock.instant(), updated.peekFirst().plus(window)).toMillis();
                blockedFor[0] = Math.max(1, (millis + 999) / 1000);
            } else {
                updated.addLast(clock.instant());
            }
            return updated;
        });
        return Future.succeededFuture(blockedFor[0]);
    }

    @Override
    public Future<Void> succeeded(String username) {
        recent.remove(SignInThrottle.countedAs(username));
        return Future.succeededFuture();
    }

    /** Number of usernames with attempts remembered (for tests). */
    int tracked() {
        return recent.size();
    }

    private void sweepIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(SWEEP_EVERY);
        for (String name : recent.keySet()) {
            recent.computeIfPresent(name, (key, times) -> {
                forgetOld(times);
                return times.isEmpty() ? null : times;
            });
        }
    }

    private void forgetOld(Deque<Instant> times) {
        Instant cutoff = clock.instant().minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
            times.removeFirst();
        }
    }
}
