package org.signpost.core.flow;

import java.util.Map;
import java.util.Objects;
import org.signpost.content.SourceLocation;

/** Say a response ({@code utter_*}) or run an action ({@code action_*}) with arguments. */
public record ActionStep(String id, Condition condition, String action, Map<String, String> arguments, String next,
        SourceLocation location) implements FlowStep {

    public ActionStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(action, "action");
        arguments = Map.copyOf(arguments);
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(location, "location");
    }

    public boolean isResponse() {
        return action.startsWith("utter_");
    }
}
