package org.signpost.nlu.data;

import java.util.List;
import java.util.Objects;
import org.signpost.content.SourceLocation;

/** One example sentence of an intent, as plain text with its entity annotations removed. */
public record TrainingExample(String intent, String text, List<EntityAnnotation> entities, SourceLocation location) {

    public TrainingExample {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(text, "text");
        entities = List.copyOf(entities);
        Objects.requireNonNull(location, "location");
    }
}
