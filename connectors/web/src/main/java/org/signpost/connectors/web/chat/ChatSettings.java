package org.signpost.connectors.web.chat;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the chat socket.
 *
 * @param idleTimeout how long a socket may go without a message or button before it is closed
 * @param burst how many frames a socket may send at once before it is rate limited
 * @param refill how often one more frame is allowed after a burst
 */
public record ChatSettings(Duration idleTimeout, int burst, Duration refill) {

    public static final ChatSettings DEFAULTS = new ChatSettings(Duration.ofMinutes(30), 10, Duration.ofSeconds(1));

    public ChatSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(refill, "refill");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || burst < 1 || refill.isNegative() || refill.isZero()) {
            throw new IllegalArgumentException("chat limits must be positive");
        }
    }

    public ChatSettings withIdleTimeout(Duration timeout) {
        return new ChatSettings(timeout, burst, refill);
    }
}
