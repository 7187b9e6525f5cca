package org.signpost.core.turn;

import org.signpost.error.SignpostException;

/**
 * The instance already has as many turns under way as it is allowed ({@link BoundedTurns}): the
 * message was refused before anything was kept, so the sender should send it again shortly
 * (HTTP 503 with {@code Retry-After}; a {@code busy} error frame on web chat).
 */
public final class BusyException extends SignpostException {

    BusyException(int limit) {
        super("Signpost is answering as many messages as it can at once (" + limit
                + "); nothing was kept, send the message again in a moment");
    }
}
