package org.signpost.core.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.Button;
import org.signpost.core.message.Channel;
import org.signpost.core.message.UserMessage;

/** A conversation test that reads like a script: {@code send("hi").expect("Hello!")}. */
final class ConversationScript {

    private final TurnProcessor processor;
    private final String conversationId;
    private final Channel channel;
    private List<BotMessage> replies = List.of();

    ConversationScript(TurnProcessor processor, String conversationId, Channel channel) {
        this.processor = processor;
        this.conversationId = conversationId;
        this.channel = channel;
    }

    ConversationScript send(String text) {
        try {
            replies = processor.handle(UserMessage.of(conversationId, channel, text))
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the turn did not complete", e);
        }
        return this;
    }

    /** The replies to the last message are exactly these texts, in order. */
    ConversationScript expect(String... texts) {
        assertThat(replies).extracting(BotMessage::text).containsExactly(texts);
        return this;
    }

    /** The last reply offers exactly these buttons. */
    ConversationScript expectButtons(String... titles) {
        assertThat(replies).isNotEmpty();
        assertThat(replies.get(replies.size() - 1).buttons()).extracting(Button::title).containsExactly(titles);
        return this;
    }

    List<BotMessage> replies() {
        return replies;
    }
}
