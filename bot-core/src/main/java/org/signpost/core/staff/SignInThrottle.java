package org.signpost.core.staff;

import io.vertx.core.Future;
import java.util.Locale;

/**
 * Slows password guessing: at most a number of sign-in attempts for one username within a window
 * that did not succeed; beyond that the username is refused until the oldest has aged out. An
 * attempt counts when it starts, before the (slow) password check, so a burst of parallel guesses
 * cannot all slip through. Shared by every instance when the store is (Redis), so a load balancer
 * spreading guesses over instances does not multiply them.
 */
public interface SignInThrottle {

    /**
     * Starts an attempt for {@code username} (its case and surrounding spaces do not matter):
     * 0 when it may go ahead (and it now counts until it {@link #succeeded}), otherwise the
     * seconds until it may try again.
     */
    Future<Long> begin(String username);

    /** The password was right: the username's count starts again. */
    Future<Void> succeeded(String username);

    /** The name attempts are counted under: case and surrounding spaces do not matter. */
    static String countedAs(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
