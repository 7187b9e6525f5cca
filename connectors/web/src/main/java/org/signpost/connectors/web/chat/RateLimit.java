package org.signpost.connectors.web.chat;

/** A token bucket: {@code burst} frames at once, one more every {@code refillNanos}. Not thread-safe. */
final class RateLimit {

    private final int burst;
    private final long refillNanos;
    private double tokens;
    private long updatedAt;

    RateLimit(int burst, long refillNanos, long now) {
        this.burst = burst;
        this.refillNanos = refillNanos;
        this.tokens = burst;
        this.updatedAt = now;
    }

    /** Takes a token if there is one; {@code now} in nanoseconds from a monotonic clock. */
    boolean tryAcquire(long now) {
        tokens = Math.min(burst, tokens + (double) (now - updatedAt) / refillNanos);
        updatedAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
