package org.signpost.core.safety;

import java.util.Objects;

/** A message matched a safety rule: which category, and the rule phrase that matched (not the message). */
public record SafetyHit(SafetyCategory category, String phrase) {

    public SafetyHit {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(phrase, "phrase");
    }
}
