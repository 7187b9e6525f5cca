package org.signpost.core.flow;

import java.util.Map;
import java.util.Objects;

/** A response an action wants said, with the values for its placeholders. */
public record Utterance(String response, Map<String, String> variables) {

    public Utterance {
        Objects.requireNonNull(response, "response");
        variables = Map.copyOf(variables);
    }

    public static Utterance of(String response) {
        return new Utterance(response, Map.of());
    }
}
