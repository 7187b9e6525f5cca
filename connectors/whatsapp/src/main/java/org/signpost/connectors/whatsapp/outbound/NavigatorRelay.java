package org.signpost.connectors.whatsapp.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.Channel;
import org.signpost.core.response.ResponseCatalog;
import org.signpost.core.transcript.TranscriptEntry;
import org.signpost.core.transcript.TranscriptListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a care navigator's side of a WhatsApp conversation to the person: what the navigator
 * writes in the console, and that a navigator has joined or left. The bot's own replies are
 * sent by the turn that made them; the person's lines reach the console through the transcript.
 */
public final class NavigatorRelay implements TranscriptListener {

    private static final Logger LOG = LoggerFactory.getLogger(NavigatorRelay.class);
    static final String JOINED = "utter_navigator_joined";
    static final String LEFT = "utter_navigator_left";
    /** The responses this needs from the dialog content. */
    public static final Set<String> RESPONSES = Set.of(JOINED, LEFT);

    private final Replies replies;
    private final ResponseCatalog responses;

    public NavigatorRelay(Replies replies, ResponseCatalog responses) {
        this.replies = Objects.requireNonNull(replies, "replies");
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    @Override
    public void appended(String conversationId, List<TranscriptEntry> entries) {
        Recipients.of(conversationId).ifPresent(waId -> entries.forEach(entry -> {
            List<BotMessage> said = new ArrayList<>();
            switch (entry.kind()) {
                case NAVIGATOR -> said.add(BotMessage.text(entry.text()));
                case HANDOFF -> {
                    if (entry.detail().equals("joined")) {
                        said.add(say(JOINED));
                    } else if (entry.detail().equals("left")) {
                        said.add(say(LEFT));
                    }
                }
                default -> {
                }
            }
            if (!said.isEmpty()) {
                replies.send(waId, "line:" + waId + ":" + entry.seq(), said)
                        .onFailure(failure -> LOG.error("A navigator's line could not be queued for WhatsApp: {}", failure.getMessage()));
            }
        }));
    }

    private BotMessage say(String response) {
        return responses.render(response, Channel.WHATSAPP, Map.of(), 0);
    }
}
