package org.signpost.core.message;

import java.util.List;
import java.util.Objects;

/**
 * One reply of the bot, independent of channel: text and optional quick replies. Channels render
 * it in their own idiom (buttons on web, interactive messages on WhatsApp, a keypad menu by phone).
 */
public record BotMessage(String text, List<Button> buttons) {

    public BotMessage {
        Objects.requireNonNull(text, "text");
        buttons = List.copyOf(buttons);
    }

    public static BotMessage text(String text) {
        return new BotMessage(text, List.of());
    }
}
