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
 * Slows password guessing: at most {@code attempts} sign-in attempts for one username within
 * {@code window} that did not succeed; beyond that the username is refused until the oldest has
 * aged out. An attempt counts when it starts, before the (slow) password check, so a burst of
 * parallel guesses cannot all slip through. Per instance, in memory: enough to make guessing slow,
 * not a substitute for network-level protection. Memory is bounded by the names tried within one
 * window (itself bounded by how fast passwords can be checked); stale names are swept at most once
 * a minute, never as a scan per request.
 */
final class LoginThrottle {

    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final int attempts;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();
    private volatile Instant nextSweep;

    LoginThrottle(int attempts, Duration window, Clock clock) {
        this.attempts = attempts;
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nextSweep = clock.instant().plus(SWEEP_EVERY);
    }

    /**
     * Starts an attempt for {@code username}: 0 when it may go ahead (and it now counts until it
     * {@link #succeeded}), otherwise the seconds until it may try again.
     */
    long begin(String username) {
        sweepIfDue();
        long[] blockedFor = {0};
        recent.compute(key(username), (name, times) -> {
            Deque<Instant> updated = times == null ? new ArrayDeque<>() : times;
            forgetOld(updated);
            if (updated.size() >= attempts) {
                blockedFor[0] = Math.max(1, Duration.between(clock.instant(), updated.peekFirst().plus(window)).toSeconds());
            } else {
                updated.addLast(clock.instant());
            }
            return updated;
        });
        return blockedFor[0];
    }

    /** The password was right: the username's count starts again. */
    void succeeded(String username) {
        recent.remove(key(username));
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

    private static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
