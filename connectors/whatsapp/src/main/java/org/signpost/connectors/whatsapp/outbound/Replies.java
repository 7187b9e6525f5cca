package org.signpost.connectors.whatsapp.outbound;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.signpost.core.delivery.OutboundMessage;
import org.signpost.core.delivery.Outbox;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.Channel;

/**
 * Puts what Signpost says to a WhatsApp user into the outbox, rendered in WhatsApp's idiom, and
 * wakes the sender. Ids are derived from what caused the messages, so a cause handled twice
 * (after a crash) enqueues each message once.
 */
public final class Replies {

    private final Outbox outbox;
    private final Renderer renderer;
    private final Sender sender;
    private final Clock clock;

    public Replies(Outbox outbox, Renderer renderer, Sender sender, Clock clock) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @param cause unique per thing replied to: an inbound message id, a transcript line */
    public Future<Void> send(String waId, String cause, List<BotMessage> messages) {
        List<JsonObject> bodies = new ArrayList<>();
        for (BotMessage message : messages) {
            bodies.addAll(renderer.render(waId, message));
        }
        if (bodies.isEmpty()) {
            return Future.succeededFuture();
        }
        Instant now = clock.instant();
        List<OutboundMessage> queued = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            queued.add(OutboundMessage.fresh(cause + "#" + String.format("%03d", i), Channel.WHATSAPP, waId,
                    Recipients.conversationId(waId), bodies.get(i).encode(), now));
        }
        return outbox.enqueue(queued).<Void>mapEmpty().onSuccess(done -> sender.kick(waId));
    }
}
