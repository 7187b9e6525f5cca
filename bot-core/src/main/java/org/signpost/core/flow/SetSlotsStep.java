package org.signpost.core.flow;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.signpost.content.SourceLocation;

/** Fill slots with fixed values and empty others (to ask again after a correction, say). */
public record SetSlotsStep(String id, Condition condition, Map<String, String> values, List<String> resets, String next,
        SourceLocation location) implements FlowStep {

    public SetSlotsStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(condition, "condition");
        values = Map.copyOf(values);
        resets = List.copyOf(resets);
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(location, "location");
    }
}
