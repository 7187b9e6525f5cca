package org.signpost.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.signpost.core.message.Button;

/** The bot replied with the response {@code response}, rendered as {@code text} and {@code buttons}. */
public record BotUttered(Instant at, String response, String text, List<Button> buttons) implements ConversationEvent {

    public BotUttered {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(text, "text");
        buttons = List.copyOf(buttons);
    }
}
