package org.signpost.core.message;

import java.util.Map;
import java.util.Objects;

/**
 * What a person sent, normalised by a channel: free text, or a button payload such as
 * {@code /find_service{"locality": "Halesowen"}} (payloads start with {@code /}).
 *
 * @param conversationId the channel's stable id for this conversation (a sender id, a call id)
 * @param metadata channel facts kept with the conversation (never logged)
 */
public record UserMessage(String conversationId, Channel channel, String text, Map<String, String> metadata) {

    /** Metadata: what the pressed button said, when {@code text} is its payload; the transcript shows it. */
    public static final String BUTTON_TITLE = "button_title";
    /**
     * Metadata: the channel's own id of the message, from channels that may deliver a message
     * again after it was handled (WhatsApp); a message with an id already in the conversation is
     * answered from the transcript, not handled twice.
     */
    public static final String MESSAGE_ID = "message_id";

    public UserMessage {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(text, "text");
        metadata = Map.copyOf(metadata);
    }

    public static UserMessage of(String conversationId, Channel channel, String text) {
        return new UserMessage(conversationId, channel, text, Map.of());
    }
}
