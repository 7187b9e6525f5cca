package org.signpost.nlu.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * The entities of one test example: those annotated and those the model found, each as
 * {@code entity [start, end) value}.
 */
public record EntityPrediction(String text, List<Span> gold, List<Span> predicted) {

    /** An entity occupying characters {@code [start, end)} with a normalised value. */
    public record Span(String entity, int start, int end, String value) {
        public Span {
            Objects.requireNonNull(entity, "entity");
            Objects.requireNonNull(value, "value");
        }

        boolean samePlace(Span other) {
            return entity.equals(other.entity) && start == other.start && end == other.end;
        }
    }

    public EntityPrediction {
        Objects.requireNonNull(text, "text");
        gold = List.copyOf(gold);
        predicted = List.copyOf(predicted);
    }
}
