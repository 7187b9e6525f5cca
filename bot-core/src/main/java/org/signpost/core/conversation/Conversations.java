package org.signpost.core.conversation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Helpers for talking about a conversation without revealing who it is. */
public final class Conversations {

    private Conversations() {
    }

    /**
     * A short, stable pseudonym of a conversation id for logs: ids can be phone numbers, and logs
     * must not hold personal data.
     */
    public static String reference(String conversationId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(conversationId.getBytes(StandardCharsets.UTF_8));
            return "c-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
