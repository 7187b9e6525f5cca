package org.signpost.core.referral;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.signpost.core.message.Channel;

/**
 * A referral collected in a conversation: who it is for, their details, why, how urgent, and who
 * referred (for professionals). Special category data: only staff with a role may read it, and
 * every read is audited.
 *
 * @param details the collected details by slot name (person_name, date_of_birth, nhs_number,
 *     postcode, phone_number, referral_reason, urgency, referrer_name...)
 */
public record Referral(String reference, String serviceId, String serviceName, String route, Map<String, String> details,
        ReferralStatus status, Instant createdAt, String conversationId, Channel channel) {

    public Referral {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(route, "route");
        details = Map.copyOf(details);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(channel, "channel");
    }

    public Referral withStatus(ReferralStatus next) {
        return new Referral(reference, serviceId, serviceName, route, details, next, createdAt, conversationId, channel);
    }

    public String detail(String name) {
        return details.getOrDefault(name, "");
    }
}
