package org.signpost.connectors.whatsapp.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The number's throughput limit: {@code perSecond} tokens a second, up to a second's worth
 * saved. Meta answers {@code 130429} when it is exceeded; {@link #pauseUntil} keeps everyone
 * back for a while after that. Synchronised: sends may continue on whichever thread a person's
 * lock was granted on.
 */
final class TokenBucket {

    private final double perSecond;
    private final Clock clock;
    private double tokens;
    private Instant refilled;
    private Instant pausedUntil = Instant.EPOCH;

    TokenBucket(int perSecond, Clock clock) {
        this.perSecond = perSecond;
        this.clock = clock;
        this.tokens = perSecond;
        this.refilled = clock.instant();
    }

    /** Takes a token if one is free; otherwise answers how long until one is. */
    synchronized Duration take() {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            return Duration.between(now, pausedUntil);
        }
        double elapsed = Duration.between(refilled, now).toNanos() / 1e9;
        tokens = Math.min(perSecond, tokens + elapsed * perSecond);
        refilled = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9));
    }

    synchronized void pauseUntil(Instant until) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
            tokens = 0;
        }
    }
}
