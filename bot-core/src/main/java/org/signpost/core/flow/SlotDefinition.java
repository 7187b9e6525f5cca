package org.signpost.core.flow;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.signpost.content.SourceLocation;

/**
 * A slot: a fact the conversation collects. It is filled from an entity of type
 * {@code fromEntity} in any message, and, when {@code fromText} is set, from the whole text of
 * the answer to the bot's question for it.
 *
 * @param values for a categorical slot, its allowed values (case-insensitive); empty otherwise
 */
public record SlotDefinition(String name, List<String> values, String fromEntity, boolean fromText, SourceLocation location) {

    public SlotDefinition {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
        Objects.requireNonNull(location, "location");
    }

    public Optional<String> entity() {
        return Optional.ofNullable(fromEntity);
    }

    /** The value as this slot keeps it, or empty when it is not an allowed value. */
    public Optional<String> accept(String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        if (values.isEmpty()) {
            return Optional.of(trimmed);
        }
        return values.stream().filter(allowed -> allowed.equalsIgnoreCase(trimmed)).findFirst();
    }
}
