package org.signpost.core.gap;

import java.time.Instant;
import java.util.Objects;

/**
 * A need Signpost could not meet: what was needed, where, why (no service, no capacity, out of
 * area) and when. Commissioners read these to see where services are missing.
 */
public record CapacityGap(String category, String locality, Reason reason, Instant at) {

    /** Why the need was not met. */
    public enum Reason {
        NO_SERVICE("no_service"),
        NO_CAPACITY("no_capacity"),
        OUT_OF_AREA("out_of_area");

        private final String id;

        Reason(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public CapacityGap {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(locality, "locality");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
