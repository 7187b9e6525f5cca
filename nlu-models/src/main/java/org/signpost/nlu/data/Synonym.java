package org.signpost.nlu.data;

import java.util.List;
import java.util.Objects;

/** Words that all mean {@code value} when extracted as an entity ("physio" means "physiotherapy"). */
public record Synonym(String value, List<String> examples) {

    public Synonym {
        Objects.requireNonNull(value, "value");
        examples = List.copyOf(examples);
    }
}
