package org.signpost.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.signpost.nlu.ParseResult;

/**
 * The person said {@code text}, understood as {@code intent} with {@code confidence}.
 *
 * @param shown what the person saw themselves say, when that differs from {@code text} (the title
 *     of a button whose payload is the text); empty otherwise
 * @param messageId the channel's id of the message, for channels that may deliver it twice
 *     (WhatsApp); empty otherwise
 */
public record UserUttered(Instant at, String text, String intent, double confidence, List<EntityValue> entities,
        String shown, String messageId) implements ConversationEvent {

    public UserUttered {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(shown, "shown");
        Objects.requireNonNull(messageId, "messageId");
        entities = List.copyOf(entities);
    }

    public UserUttered(Instant at, String text, String intent, double confidence, List<EntityValue> entities) {
        this(at, text, intent, confidence, entities, "", "");
    }

    /** The same, shown to the person as {@code title} (blank: as typed). */
    public UserUttered shownAs(String title) {
        return new UserUttered(at, text, intent, confidence, entities, title.strip(), messageId);
    }

    /** The same, carrying the channel's id of the message. */
    public UserUttered withMessageId(String id) {
        return new UserUttered(at, text, intent, confidence, entities, shown, id);
    }

    /** The person's message as the NLU understood it. */
    public static UserUttered heard(Instant at, ParseResult parse) {
        return new UserUttered(at, parse.text(), parse.intent().name(), parse.intent().confidence(),
                parse.entities().stream().map(e -> new EntityValue(e.entity(), e.value())).toList());
    }
}
