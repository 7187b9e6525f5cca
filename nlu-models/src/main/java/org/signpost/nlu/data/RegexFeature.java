package org.signpost.nlu.data;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Patterns whose matches are entities of type {@code name} (Rasa's {@code regex:} item). */
public record RegexFeature(String name, List<Pattern> patterns) {

    public RegexFeature {
        Objects.requireNonNull(name, "name");
        patterns = List.copyOf(patterns);
    }
}
