package org.signpost.core.directory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a service admin last said about capacity: whether referrals are accepted, the typical
 * wait, a note, and when and by whom it was updated.
 *
 * @param waitWeeks the typical wait in weeks, or -1 when not known
 */
public record Availability(boolean acceptingReferrals, int waitWeeks, String note, Instant updatedAt, String updatedBy) {

    /** Nobody has reported the service's capacity yet. */
    public static final Availability NOT_REPORTED = new Availability(false, -1, "", Instant.EPOCH, "");

    public boolean reported() {
        return !updatedBy.isEmpty();
    }

    public Availability {
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
        if (waitWeeks < -1) {
            throw new IllegalArgumentException("waitWeeks must be -1 (unknown) or more, was " + waitWeeks);
        }
    }

    public Optional<Integer> typicalWait() {
        return waitWeeks < 0 ? Optional.empty() : Optional.of(waitWeeks);
    }
}
