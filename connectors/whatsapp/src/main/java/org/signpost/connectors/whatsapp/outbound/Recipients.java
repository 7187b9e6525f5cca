package org.signpost.connectors.whatsapp.outbound;

import java.util.Optional;

/** A WhatsApp user's conversation is {@code whatsapp:<wa_id>}: one per number, kept apart from other channels' ids. */
public final class Recipients {

    static final String PREFIX = "whatsapp:";

    private Recipients() {
    }

    public static String conversationId(String waId) {
        return PREFIX + waId;
    }

    /** The WhatsApp number a conversation is with, if it is a WhatsApp conversation. */
    public static Optional<String> of(String conversationId) {
        return conversationId.startsWith(PREFIX) ? Optional.of(conversationId.substring(PREFIX.length())) : Optional.empty();
    }
}
