package org.signpost.connectors.web.transcript;

import java.util.List;
import java.util.Objects;
import org.signpost.core.delivery.ReplyBus;
import org.signpost.core.transcript.TranscriptEntry;
import org.signpost.core.transcript.TranscriptListener;

/**
 * Publishes every new transcript line, in the staff shape, on the reply bus channel of its
 * conversation: whichever instance holds the person's chat socket or a navigator's console
 * picks it up and writes what its reader may see.
 */
public final class TranscriptPublisher implements TranscriptListener {

    private final ReplyBus bus;

    public TranscriptPublisher(ReplyBus bus) {
        this.bus = Objects.requireNonNull(bus, "bus");
    }

    @Override
    public void appended(String conversationId, List<TranscriptEntry> entries) {
        for (TranscriptEntry entry : entries) {
            bus.publish(conversationId, TranscriptJson.staff(entry).encode());
        }
    }
}
