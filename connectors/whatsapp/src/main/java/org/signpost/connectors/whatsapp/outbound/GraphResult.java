package org.signpost.connectors.whatsapp.outbound;

import java.util.Set;

/**
 * What the Graph API made of a send, reduced to what the sender does next. Meta's error codes
 * (the {@code error.code} of its error body) decide: see
 * https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes
 */
sealed interface GraphResult {

    /** Throughput and app rate limits: everyone waits. */
    Set<Integer> NUMBER_RATE_LIMITS = Set.of(4, 80007, 130429);
    /** Too many messages to one person (about one every six seconds): that person waits. */
    int PAIR_RATE_LIMIT = 131056;
    /** The person has not written in 24 hours: only a template may be sent. */
    int REENGAGEMENT = 131047;
    /** Meta's side is busy or failing, or the token needs renewing: worth trying again later. */
    Set<Integer> PASSING = Set.of(1, 2, 190, 131000, 131016, 131048, 133004);

    record Accepted(String messageId) implements GraphResult {
    }

    /** Try again later; {@code everyone} when the whole number is being throttled. */
    record Retry(int code, String reason, boolean everyone, boolean pair) implements GraphResult {
    }

    record WindowClosed(String reason) implements GraphResult {
    }

    /** Refused for good: this message will never be accepted as it is. */
    record Refused(int code, String reason) implements GraphResult {
    }

    static GraphResult ofError(int status, int code, String message) {
        String reason = code + " " + message;
        if (NUMBER_RATE_LIMITS.contains(code)) {
            return new Retry(code, reason, true, false);
        }
        if (code == PAIR_RATE_LIMIT) {
            return new Retry(code, reason, false, true);
        }
        if (code == REENGAGEMENT) {
            return new WindowClosed(reason);
        }
        if (PASSING.contains(code) || status >= 500 || status == 429 || code == 0) {
            return new Retry(code, reason, false, false);
        }
        return new Refused(code, reason);
    }
}
