package org.signpost.core.turn;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.signpost.core.conversation.ConversationLock;
import org.signpost.core.conversation.Conversations;
import org.signpost.core.conversation.ConversationState;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.SessionStarted;
import org.signpost.core.flow.Dialogue;
import org.signpost.core.flow.FlowEngine;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.UserMessage;
import org.signpost.error.InvalidInputException;
import org.signpost.nlu.IntentScore;
import org.signpost.nlu.ParseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one turn of a conversation: under the conversation's lock, load its events, start a
 * session if needed, understand the message, let the flows respond, and append the new events
 * before answering. A failure on Signpost's side becomes a polite apology and a log line without
 * the message's content; it never reaches the channel as an error.
 */
public final class TurnProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(TurnProcessor.class);

    private final Interpreter interpreter;
    private final FlowEngine engine;
    private final TrackerStore trackers;
    private final ConversationLock lock;
    private final Clock clock;

    public TurnProcessor(Interpreter interpreter, FlowEngine engine, TrackerStore trackers, ConversationLock lock, Clock clock) {
        this.interpreter = Objects.requireNonNull(interpreter, "interpreter");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.trackers = Objects.requireNonNull(trackers, "trackers");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The replies to {@code message}, in order. Never a failed future. */
    public Future<List<BotMessage>> handle(UserMessage message) {
        Objects.requireNonNull(message, "message");
        String id = message.conversationId();
        return lock.withLock(id, () -> trackers.load(id).compose(events -> turn(message, events)))
                .recover(failure -> {
                    LOG.error("Turn failed for conversation {} on channel {}", Conversations.reference(id),
                            message.channel().id(), failure);
                    return Future.succeededFuture(List.of(apology(message)));
                });
    }

    private Future<List<BotMessage>> turn(UserMessage message, List<ConversationEvent> history) {
        Instant now = clock.instant();
        ConversationState state = ConversationState.fold(message.conversationId(), history);
        List<ConversationEvent> started = new ArrayList<>();
        boolean expired = state.lastEventAt()
                .map(last -> last.plus(engine.dialogue().sessionExpiry()).isBefore(now))
                .orElse(true);
        if (state.sessionEvents() == 0 || expired) {
            SessionStarted session = new SessionStarted(now, message.channel());
            started.add(session);
            state = state.apply(session);
        }
        ConversationState session = state;
        return understand(message.text())
                .compose(parse -> engine.respond(session, parse, message.channel(), now))
                .compose(outcome -> {
                    List<ConversationEvent> events = new ArrayList<>(started);
                    events.addAll(outcome.events());
                    return trackers.append(message.conversationId(), events).map(stored -> outcome.messages());
                });
    }

    /** A malformed button payload is treated as a message the bot did not understand. */
    private Future<ParseResult> understand(String text) {
        Future<ParseResult> parsed;
        try {
            parsed = interpreter.parse(text);
        } catch (InvalidInputException e) {
            parsed = Future.failedFuture(e);
        }
        return parsed.recover(failure -> {
            if (!(failure instanceof InvalidInputException)) {
                return Future.failedFuture(failure);
            }
            IntentScore fallback = new IntentScore(ParseResult.FALLBACK_INTENT, 1.0);
            return Future.succeededFuture(new ParseResult(text, fallback, List.of(), List.of(fallback)));
        });
    }

    private BotMessage apology(UserMessage message) {
        return engine.dialogue().responses().render(Dialogue.ERROR, message.channel(), Map.of(), 0);
    }
}
