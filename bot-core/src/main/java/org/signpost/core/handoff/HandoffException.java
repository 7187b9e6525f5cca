package org.signpost.core.handoff;

import java.util.Objects;

/** A navigator's action that the conversation's state does not allow; {@link #reason()} says why. */
public final class HandoffException extends RuntimeException {

    /** Why the action was refused. */
    public enum Reason {
        /** No conversation has that id. */
        NOT_FOUND,
        /** Another navigator (or none) holds the conversation. */
        NOT_HOLDER
    }

    private final Reason reason;

    public HandoffException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
