package org.signpost.error;

/**
 * The one base type of Signpost's own exceptions. Subtypes say whose fault a failure is, so that
 * each edge (an HTTP failure handler, the turn-level handler, start-up) can turn it into the
 * right answer in one place.
 */
public abstract class SignpostException extends RuntimeException {

    protected SignpostException(String message) {
        super(message);
    }

    protected SignpostException(String message, Throwable cause) {
        super(message, cause);
    }
}
