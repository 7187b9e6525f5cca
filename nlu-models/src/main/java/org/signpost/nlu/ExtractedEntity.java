package org.signpost.nlu;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An entity found in a message, in the shape Rasa reports it: characters {@code [start, end)} of
 * the text were recognised by {@code extractor} as {@code entity} with the normalised
 * {@code value}; {@code processors} names the components that changed the value afterwards.
 */
public record ExtractedEntity(
        String entity, String value, int start, int end, String extractor, double confidence, List<String> processors) {

    public ExtractedEntity {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(extractor, "extractor");
        processors = List.copyOf(processors);
    }

    public ExtractedEntity withValue(String newValue, String processor) {
        List<String> chain = new ArrayList<>(processors);
        chain.add(processor);
        return new ExtractedEntity(entity, newValue, start, end, extractor, confidence, chain);
    }

    public int length() {
        return end - start;
    }
}
