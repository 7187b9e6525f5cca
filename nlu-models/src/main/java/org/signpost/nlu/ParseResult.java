package org.signpost.nlu;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the NLU understood of one message: the intent, its ranking and the entities. */
public record ParseResult(String text, IntentScore intent, List<ExtractedEntity> entities, List<IntentScore> intentRanking) {

    /** Rasa's name for "not confident enough about any intent". */
    public static final String FALLBACK_INTENT = "nlu_fallback";

    public ParseResult {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(intent, "intent");
        entities = List.copyOf(entities);
        intentRanking = List.copyOf(intentRanking);
    }

    public boolean isFallback() {
        return intent.name().equals(FALLBACK_INTENT);
    }

    /** The value of the first entity of this type, if any. */
    public Optional<String> entity(String type) {
        return entities.stream().filter(entity -> entity.entity().equals(type)).map(ExtractedEntity::value).findFirst();
    }
}
