package org.signpost.connectors.whatsapp.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a webhook's {@code statuses}: what became of a message Signpost sent.
 *
 * @param status {@code sent}, {@code delivered}, {@code read} or {@code failed}
 * @param error for a failure, Meta's code and title ({@code 131047 Re-engagement message}); empty otherwise
 */
public record StatusReport(String messageId, String status, Instant at, String recipient, int errorCode, String error) {

    public StatusReport {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(error, "error");
    }

    public boolean failed() {
        return status.equals("failed");
    }
}
