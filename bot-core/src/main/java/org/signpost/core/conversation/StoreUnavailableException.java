package org.signpost.core.conversation;

import org.signpost.error.SignpostException;

/**
 * A store cannot be reached (Redis or MongoDB down or too slow). The turn cannot be carried out
 * safely, so it fails visibly (HTTP 503) rather than answering without keeping what was said; it
 * can be retried when the store is back.
 */
public final class StoreUnavailableException extends SignpostException {

    public StoreUnavailableException(String store, Throwable cause) {
        super(store + " is unavailable: " + cause.getMessage(), cause);
    }
}
