package org.signpost.connectors.voice.call;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.signpost.core.conversation.ConversationState;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.UserUttered;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.Button;
import org.signpost.core.message.UserMessage;

/**
 * The engine as a call sees it: a turn, and the conversation as it stands after it (what the bot
 * is asking for, whether it asked for a navigator). Blocking: each call runs on its own thread,
 * and a caller is waiting on the line anyway.
 */
final class Turns {

    /**
     * The replies to a message, and the conversation they leave.
     *
     * @param farewell the caller said goodbye: the call ends after the replies
     */
    record Reply(List<BotMessage> messages, ConversationState state, boolean farewell) {

        Reply {
            messages = List.copyOf(messages);
            Objects.requireNonNull(state, "state");
        }

        /**
         * The options of all the replies, in order, each once: a chat shows buttons under each
         * message, but a caller hears the messages one after another and then one menu (the
         * "refer myself" of a service found, then "anything else?").
         */
        Menu menu() {
            Map<String, Button> options = new LinkedHashMap<>();
            messages.forEach(message -> message.buttons().forEach(button -> options.putIfAbsent(button.payload(), button)));
            return new Menu(List.copyOf(options.values()));
        }
    }

    /** The intent that ends a conversation: on the phone, the call. */
    static final String GOODBYE = "goodbye";

    /** The engine could not take the turn in time, or its stores are down: the call cannot go on. */
    static final class TurnFailedException extends Exception {

        private static final long serialVersionUID = 1L;

        TurnFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Function<UserMessage, Future<List<BotMessage>>> engine;
    private final TrackerStore trackers;
    private final Duration timeout;

    /** @param engine the replies to a message: {@link org.signpost.core.turn.TurnProcessor#handle} */
    Turns(Function<UserMessage, Future<List<BotMessage>>> engine, TrackerStore trackers, Duration timeout) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.trackers = Objects.requireNonNull(trackers, "trackers");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    private static boolean saidGoodbye(List<ConversationEvent> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) instanceof UserUttered said) {
                return GOODBYE.equals(said.intent());
            }
        }
        return false;
    }

    Reply take(UserMessage message) throws TurnFailedException {
        String id = message.conversationId();
        try {
            return engine.apply(message)
                    .compose(replies -> trackers.load(id).map(events -> new Reply(replies, ConversationState.fold(id, events),
                            saidGoodbye(events))))
                    .toCompletionStage().toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TurnFailedException("the turn failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TurnFailedException("no answer from the engine within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TurnFailedException("interrupted", e);
        }
    }
}
