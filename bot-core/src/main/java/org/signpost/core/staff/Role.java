package org.signpost.core.staff;

import java.util.Locale;

/** What a member of staff may do. */
public enum Role {
    /** Works the escalation queue; reads referrals and transcripts. */
    NAVIGATOR,
    /** Keeps services' details and availability current. */
    SERVICE_ADMIN,
    /** Everything, including users. */
    ADMIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromId(String id) {
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + id + "' (expected navigator, service_admin or admin)");
    }
}
