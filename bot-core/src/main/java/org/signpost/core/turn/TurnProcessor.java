package org.signpost.core.turn;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.signpost.core.conversation.ConversationLock;
import org.signpost.core.conversation.Conversations;
import org.signpost.core.conversation.StoreUnavailableException;
import org.signpost.core.conversation.ConversationState;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.event.BotUttered;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.SafetyFlagged;
import org.signpost.core.event.SessionStarted;
import org.signpost.core.event.UserUttered;
import org.signpost.core.flow.Dialogue;
import org.signpost.core.flow.FlowEngine;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.UserMessage;
import org.signpost.core.safety.SafetyHit;
import org.signpost.core.safety.SafetyScreen;
import org.signpost.core.turn.KnownConversations.Known;
import org.signpost.core.transcript.TranscriptListener;
import org.signpost.error.InvalidInputException;
import org.signpost.nlu.IntentScore;
import org.signpost.nlu.IntentShortcut;
import org.signpost.nlu.ParseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one turn of a conversation: under the conversation's lock, take up what is known of it with
 * the events appended since ({@link KnownConversations}), start a session if needed, screen the
 * message for safety, understand it, let the flows respond (a safety hit starts its safety flow
 * whatever else was going on), and append the new events before answering. A failure on
 * Signpost's side becomes a polite apology and a log line without the message's content; only an
 * unreachable store reaches the channel, as a failure to retry.
 */
public final class TurnProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(TurnProcessor.class);
    /**
     * Conversations a turn knows without reading their history ({@link KnownConversations}): each
     * is about a kilobyte, and the load benchmark keeps 10,000 going at once.
     */
    private static final int KNOWN_CONVERSATIONS = 50_000;

    private final Interpreter interpreter;
    private final SafetyScreen safety;
    private final FlowEngine engine;
    private final TrackerStore trackers;
    private final ConversationLock lock;
    private final Clock clock;
    private final TranscriptListener listener;
    private final KnownConversations known = new KnownConversations(KNOWN_CONVERSATIONS);

    public TurnProcessor(Interpreter interpreter, SafetyScreen safety, FlowEngine engine, TrackerStore trackers,
            ConversationLock lock, Clock clock) {
        this(interpreter, safety, engine, trackers, lock, clock, TranscriptListener.NONE);
    }

    /** @param listener hears every turn's new transcript lines once they are stored */
    public TurnProcessor(Interpreter interpreter, SafetyScreen safety, FlowEngine engine, TrackerStore trackers,
            ConversationLock lock, Clock clock, TranscriptListener listener) {
        this.interpreter = Objects.requireNonNull(interpreter, "interpreter");
        this.safety = Objects.requireNonNull(safety, "safety");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.trackers = Objects.requireNonNull(trackers, "trackers");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The replies to {@code message}, in order; none while a care navigator has joined the
     * conversation (the navigator answers), unless the safety screen fires. Fails only with {@link StoreUnavailableException}
     * (nothing was kept, so the sender should retry); any other failure becomes an apology.
     */
    public Future<List<BotMessage>> handle(UserMessage message) {
        Objects.requireNonNull(message, "message");
        String id = message.conversationId();
        return lock.withLock(id, () -> recall(id).compose(conversation -> turn(message, conversation)))
                .recover(failure -> {
                    if (failure instanceof StoreUnavailableException) {
                        LOG.warn("Turn refused for conversation {}: {}", Conversations.reference(id), failure.getMessage());
                        return Future.failedFuture(failure);
                    }
                    LOG.error("Turn failed for conversation {} on channel {}", Conversations.reference(id),
                            message.channel().id(), failure);
                    return Future.succeededFuture(List.of(apology(message)));
                });
    }

    /**
     * The conversation as this turn starts: what was known of it with the events appended since,
     * or read whole when nothing is known or what is known no longer matches the store.
     */
    private Future<Known> recall(String id) {
        Known before = known.get(id);
        if (before == null) {
            return readWhole(id);
        }
        return trackers.loadFrom(id, before.readFrom()).compose(part -> before.continuedBy(part)
                ? Future.succeededFuture(before.after(Known.newIn(part)))
                : readWhole(id));
    }

    private Future<Known> readWhole(String id) {
        return trackers.load(id).map(history -> Known.of(id, history));
    }

    private Future<List<BotMessage>> turn(UserMessage message, Known conversation) {
        String messageId = message.metadata().getOrDefault(UserMessage.MESSAGE_ID, "");
        if (!messageId.isEmpty() && conversation.mayHaveAnswered(messageId)) {
            // Delivered again (or a hash collision): the replies given are in the history.
            return trackers.load(message.conversationId()).compose(history -> answered(history, messageId)
                    .map(Future::succeededFuture)
                    .orElseGet(() -> respond(message, conversation)));
        }
        return respond(message, conversation);
    }

    private Future<List<BotMessage>> respond(UserMessage message, Known conversation) {
        Instant now = clock.instant();
        ConversationState state = conversation.state();
        List<ConversationEvent> preceding = new ArrayList<>();
        boolean expired = state.lastEventAt()
                .map(last -> last.plus(engine.dialogue().sessionExpiry()).isBefore(now))
                .orElse(true);
        if (state.sessionEvents() == 0 || expired) {
            SessionStarted session = new SessionStarted(now, message.channel());
            preceding.add(session);
            state = state.apply(session);
        }
        // The safety screen runs first and its verdict wins over the classifier and any open question.
        Optional<SafetyHit> hit = IntentShortcut.isShortcut(message.text()) ? Optional.empty() : safety.screen(message.text());
        hit.ifPresent(flagged -> preceding.add(new SafetyFlagged(now, flagged.category().id(), flagged.phrase())));
        ConversationState session = state;
        if (session.navigator().isPresent() && hit.isEmpty()) {
            // A navigator is talking with the person: the message is theirs to answer. A safety
            // concern still gets its advice at once below: a navigator may take a minute to read.
            return understand(message.text()).compose(parse -> {
                List<ConversationEvent> events = new ArrayList<>(preceding);
                events.add(UserUttered.heard(now, parse));
                return store(message, conversation, events).map(stored -> List.<BotMessage>of());
            });
        }
        return understand(message.text())
                .compose(parse -> engine.respond(session, parse, hit.map(flagged -> flagged.category().intent()),
                        message.channel(), now))
                .compose(outcome -> {
                    List<ConversationEvent> events = new ArrayList<>(preceding);
                    events.addAll(outcome.events());
                    return store(message, conversation, events).map(stored -> outcome.messages());
                });
    }

    /**
     * The replies already given to the message with this id, if it was handled before (a channel
     * delivered it again after a crash kept the channel from recording that it was handled).
     */
    private static Optional<List<BotMessage>> answered(List<ConversationEvent> history, String messageId) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i) instanceof UserUttered said && said.messageId().equals(messageId)) {
                List<BotMessage> replies = new ArrayList<>();
                for (ConversationEvent later : history.subList(i + 1, history.size())) {
                    if (later instanceof UserUttered) {
                        break;
                    }
                    if (later instanceof BotUttered bot) {
                        replies.add(new BotMessage(bot.text(), bot.buttons()));
                    }
                }
                return Optional.of(replies);
            }
        }
        return Optional.empty();
    }

    /**
     * Appends the turn's events; once they are kept, this turn's conversation is what is known of
     * it and its new transcript lines are told. An append that failed may or may not have been
     * kept, so the conversation is read again next time.
     */
    private Future<Void> store(UserMessage message, Known conversation, List<ConversationEvent> turn) {
        String title = message.metadata().getOrDefault(UserMessage.BUTTON_TITLE, "").strip();
        String messageId = message.metadata().getOrDefault(UserMessage.MESSAGE_ID, "");
        List<ConversationEvent> events = title.isEmpty() && messageId.isEmpty() ? turn : turn.stream()
                .map(event -> event instanceof UserUttered said ? said.shownAs(title).withMessageId(messageId) : event).toList();
        String id = message.conversationId();
        return trackers.append(id, events).onComplete(stored -> {
            if (stored.succeeded()) {
                known.put(id, conversation.after(events));
                listener.appended(id, conversation.transcript().lines(events));
            } else {
                known.forget(id);
            }
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
