package org.signpost.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.signpost.nlu.ParseResult;

/** The person said {@code text}, understood as {@code intent} with {@code confidence}. */
public record UserUttered(Instant at, String text, String intent, double confidence, List<EntityValue> entities)
        implements ConversationEvent {

    public UserUttered {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(intent, "intent");
        entities = List.copyOf(entities);
    }

    /** The person's message as the NLU understood it. */
    public static UserUttered heard(Instant at, ParseResult parse) {
        return new UserUttered(at, parse.text(), parse.intent().name(), parse.intent().confidence(),
                parse.entities().stream().map(e -> new EntityValue(e.entity(), e.value())).toList());
    }
}
