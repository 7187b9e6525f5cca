package org.signpost.nlu.data;

import java.util.Objects;

/**
 * An entity marked in a training example: characters {@code [start, end)} of the example's plain
 * text are an {@code entity} whose normalised value is {@code value} (the text itself when the
 * annotation gave no value).
 */
public record EntityAnnotation(String entity, String value, int start, int end) {

    public EntityAnnotation {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(value, "value");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("start and end must satisfy 0 <= start < end");
        }
    }
}
