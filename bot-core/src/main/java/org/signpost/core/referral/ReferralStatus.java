package org.signpost.core.referral;

/** Where a referral is. People are told these in plain words. */
public enum ReferralStatus {
    NEW("new", "received, and waiting to be looked at"),
    IN_REVIEW("in_review", "being looked at by the service"),
    ACCEPTED("accepted", "accepted: the service will contact you"),
    DECLINED("declined", "not accepted by the service: a care navigator will contact you about other options"),
    CLOSED("closed", "closed");

    private final String id;
    private final String plain;

    ReferralStatus(String id, String plain) {
        this.id = id;
        this.plain = plain;
    }

    public String id() {
        return id;
    }

    public static ReferralStatus fromId(String id) {
        for (ReferralStatus status : values()) {
            if (status.id.equals(id)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown status '" + id + "' (expected new, in_review, accepted, declined or closed)");
    }

    /** What the status means, for the person who was referred. */
    public String plain() {
        return plain;
    }
}
