package org.signpost.core.safety;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reviewed rules of the safety screen: phrases per category, and the words that stop a
 * phrase from counting when they come just before it (negation: "no chest pain") or anywhere
 * before it in the same clause (hypotheticals: "my leaflet says call 999 if...").
 */
public record SafetyRules(Map<SafetyCategory, List<Phrase>> phrases, List<Phrase> negations, int negationWindow,
        List<Phrase> hypotheticals) {

    public SafetyRules {
        phrases = Map.copyOf(phrases);
        negations = List.copyOf(negations);
        hypotheticals = List.copyOf(hypotheticals);
        Objects.requireNonNull(phrases, "phrases");
        if (negationWindow < 0) {
            throw new IllegalArgumentException("negationWindow must not be negative");
        }
    }
}
