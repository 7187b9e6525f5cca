package org.signpost.nlu.data;

import java.util.List;
import java.util.Objects;

/** Phrases whose occurrence in a message is an entity of type {@code name} (Rasa's {@code lookup:}). */
public record LookupTable(String name, List<String> elements) {

    public LookupTable {
        Objects.requireNonNull(name, "name");
        elements = List.copyOf(elements);
    }
}
