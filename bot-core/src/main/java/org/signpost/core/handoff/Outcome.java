package org.signpost.core.handoff;

import java.util.Locale;

/** How a navigator leaves a conversation: handing it back to the bot, or closing the escalation. */
public enum Outcome {
    HANDED_BACK, RESOLVED, REFERRED, SIGNPOSTED, NO_CONTACT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome fromId(String id) {
        for (Outcome outcome : values()) {
            if (outcome.id().equals(id)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + id
                + "' (expected handed_back, resolved, referred, signposted or no_contact)");
    }
}
