package org.signpost.connectors.web.transcript;

import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Objects;
import org.signpost.core.delivery.ReplyBus;
import org.signpost.core.transcript.TranscriptEntry;
import org.signpost.core.transcript.TranscriptListener;

/**
 * Publishes the new transcript lines of each turn or action, in the staff shape, as one frame (a
 * JSON array, see {@link TranscriptJson#lines}) on the reply bus channel of the conversation:
 * whichever instance holds the person's chat socket or a navigator's console picks it up and
 * writes what its reader may see. One message per turn, not per line, keeps the bus traffic down.
 */
public final class TranscriptPublisher implements TranscriptListener {

    private final ReplyBus bus;

    public TranscriptPublisher(ReplyBus bus) {
        this.bus = Objects.requireNonNull(bus, "bus");
    }

    @Override
    public void appended(String conversationId, List<TranscriptEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        bus.publish(conversationId, () -> {
            JsonArray lines = new JsonArray();
            for (TranscriptEntry entry : entries) {
                lines.add(TranscriptJson.staff(entry));
            }
            return lines.encode();
        });
    }
}
