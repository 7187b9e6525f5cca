package org.signpost.core.flow;

import java.util.List;
import java.util.Objects;
import org.signpost.content.SourceLocation;

/**
 * A declarative conversation: started by any of {@code intents}, it runs its steps in order.
 *
 * @param title how the flow is offered to people on a button ("Find a service")
 */
public record Flow(String id, String title, List<String> intents, List<FlowStep> steps, SourceLocation location) {

    public Flow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        intents = List.copyOf(intents);
        steps = List.copyOf(steps);
        Objects.requireNonNull(location, "location");
    }
}
