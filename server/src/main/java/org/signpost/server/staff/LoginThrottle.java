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
 * enough to make guessing slow, not a substitute for network-level protection.
 */
final class LoginThrottle {

    private final int attempts;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(int attempts, Duration window, Clock clock) {
        this.attempts = attempts;
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
        Deque<Instant> recent = failures.computeIfAbsent(key(username), name -> new ArrayDeque<>());
        synchronized (recent) {
            forgetOld(recent);
            recent.addLast(clock.instant());
        }
    }

    void succeeded(String username) {
        failures.remove(key(username));
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
