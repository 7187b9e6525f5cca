package org.signpost.core.staff;

import java.time.Instant;
import java.util.Objects;

/** Who read or changed what, and when: "navigator1 read referral SP-7Q2K9X". */
public record AuditEntry(String who, String action, String subject, Instant at) {

    public AuditEntry {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(at, "at");
    }
}
