package org.signpost.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * The safety screen caught a message: {@code category} ({@code emergency},
 * {@code mental_health_crisis} or {@code safeguarding}) by the rule phrase {@code phrase}.
 */
public record SafetyFlagged(Instant at, String category, String phrase) implements ConversationEvent {

    public SafetyFlagged {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(phrase, "phrase");
    }
}
