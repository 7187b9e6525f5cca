package org.signpost.core.directory;

import java.util.List;
import java.util.Objects;

/** A service found for a need, with why it matched (said to the person) and its rank score. */
public record ServiceMatch(Service service, List<String> reasons, double score) {

    public ServiceMatch {
        Objects.requireNonNull(service, "service");
        reasons = List.copyOf(reasons);
    }
}
