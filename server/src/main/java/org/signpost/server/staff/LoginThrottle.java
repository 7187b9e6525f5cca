package org.signpost.server.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code attempts} failed sign-ins for one username within
 * {@code window}, that username is refused until the window has passed. Per instance, in memory:
 * enough to make guessing slow, not a substitute for network-level protection. Usernames whose
 * failures have all aged out are forgotten once many are tracked, so spraying made-up usernames
 * cannot grow memory without bound.
 */
final class LoginThrottle {

    private final int attempts;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    /** Above this many tracked usernames, each failure first sweeps out the stale ones. */
    private final int sweepAbove;

    LoginThrottle(int attempts, Duration window, Clock clock) {
        this(attempts, window, clock, 10_000);
    }

    LoginThrottle(int attempts, Duration window, Clock clock, int sweepAbove) {
        this.attempts = attempts;
        this.sweepAbove = sweepAbove;
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Seconds until this username may try again, or 0 when it may try now. */
    long blockedForSeconds(String username) {
        Deque<Instant> recent = failures.get(key(username));
        if (recent == null) {
            return 0;
        }
        synchronized (recent) {
            forgetOld(recent);
            if (recent.size() < attempts) {
                return 0;
            }
            return Math.max(1, Duration.between(clock.instant(), recent.peekFirst().plus(window)).toSeconds());
        }
    }

    void failed(String username) {
        if (failures.size() > sweepAbove) {
            failures.values().removeIf(this::stale);
        }
        Deque<Instant> recent = failures.computeIfAbsent(key(username), name -> new ArrayDeque<>());
        synchronized (recent) {
            forgetOld(recent);
            recent.addLast(clock.instant());
        }
    }

    void succeeded(String username) {
        failures.remove(key(username));
    }

    /** Number of usernames with failures remembered (for tests). */
    int tracked() {
        return failures.size();
    }

    private boolean stale(Deque<Instant> recent) {
        synchronized (recent) {
            forgetOld(recent);
            return recent.isEmpty();
        }
    }

    private void forgetOld(Deque<Instant> recent) {
        Instant cutoff = clock.instant().minus(window);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(cutoff)) {
            recent.removeFirst();
        }
    }

    private static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
