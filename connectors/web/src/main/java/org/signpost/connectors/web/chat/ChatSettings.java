package org.signpost.connectors.web.chat;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Limits of the chat socket.
 *
 * @param idleTimeout how long a socket may go without a message or button before it is closed
 * @param burst how many frames a socket may send at once before it is rate limited
 * @param refill how often one more frame is allowed after a burst
 * @param allowedOrigins the websites whose pages may open the chat, as browsers name them in
 *     {@code Origin} ({@code https://www.dudley.gov.uk}); empty for any
 */
public record ChatSettings(Duration idleTimeout, int burst, Duration refill, Set<String> allowedOrigins) {

    public static final ChatSettings DEFAULTS = new ChatSettings(Duration.ofMinutes(30), 10, Duration.ofSeconds(1), Set.of());

    public ChatSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(refill, "refill");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || burst < 1 || refill.isNegative() || refill.isZero()) {
            throw new IllegalArgumentException("chat limits must be positive");
        }
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    public ChatSettings withIdleTimeout(Duration timeout) {
        return new ChatSettings(timeout, burst, refill, allowedOrigins);
    }

    public ChatSettings withAllowedOrigins(Set<String> origins) {
        return new ChatSettings(idleTimeout, burst, refill, origins);
    }

    /**
     * Whether a socket opened with this {@code Origin} header (null when there is none) may chat.
     * Browsers always send it, so only a page on another website is refused; a client that is not
     * a browser (a test, a monitoring probe) sends none and is not.
     */
    public boolean allowsOrigin(String origin) {
        return allowedOrigins.isEmpty() || origin == null || allowedOrigins.contains(origin.strip().toLowerCase(Locale.ROOT));
    }
}
