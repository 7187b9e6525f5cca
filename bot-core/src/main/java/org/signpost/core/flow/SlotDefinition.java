package org.signpost.core.flow;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.signpost.content.SourceLocation;

/**
 * A slot: a fact the conversation collects. It fills from an entity of type {@code fromEntity}
 * in any message; from a button payload entity named like the slot ({@code fromButton}); while
 * the bot is asking for it, from the intent of the answer ({@code fromIntent}: "yes" gives
 * {@code affirm}) or from the whole text ({@code fromText}).
 *
 * @param values for a categorical slot, its allowed values (case-insensitive); empty otherwise
 * @param validator the name of a {@link SlotValidators} check, or empty for none
 * @param onlyWhenAsked fill from entities only while the bot is asking for this slot (a date in
 *     any message is not a date of birth)
 */
public record SlotDefinition(String name, List<String> values, String fromEntity, boolean fromText, boolean fromButton,
        Map<String, String> fromIntent, String validator, boolean onlyWhenAsked, SourceLocation location) {

    public SlotDefinition {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
        fromIntent = Map.copyOf(fromIntent);
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(location, "location");
    }

    public Optional<String> entity() {
        return Optional.ofNullable(fromEntity);
    }

    /** The value as this slot keeps it, or empty when it is not an allowed or valid value. */
    public Optional<String> accept(String value) {
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> allowed = values.isEmpty() ? Optional.of(trimmed)
                : values.stream().filter(candidate -> candidate.equalsIgnoreCase(trimmed)).findFirst();
        return validator.isEmpty() ? allowed : allowed.flatMap(SlotValidators.get(validator));
    }
}
