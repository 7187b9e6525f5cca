package org.signpost.connectors.whatsapp.webhook;

import java.util.List;

/** Everything one webhook POST carried for Signpost's number, in the order Meta listed it. */
public record Notification(List<IncomingMessage> messages, List<StatusReport> statuses) {

    public Notification {
        messages = List.copyOf(messages);
        statuses = List.copyOf(statuses);
    }
}
