package org.signpost.core.flow;

import java.util.Map;
import java.util.Objects;
import org.signpost.content.SourceLocation;

/** Fill slots with fixed values (a flow for carers presets the service category, say). */
public record SetSlotsStep(Map<String, String> values, SourceLocation location) implements FlowStep {

    public SetSlotsStep {
        values = Map.copyOf(values);
        Objects.requireNonNull(location, "location");
    }
}
