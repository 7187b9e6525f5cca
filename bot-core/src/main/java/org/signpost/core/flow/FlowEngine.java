package org.signpost.core.flow;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.signpost.core.conversation.ConversationState;
import org.signpost.core.conversation.FlowFrame;
import org.signpost.core.conversation.SlotRequest;
import org.signpost.core.event.ActionExecuted;
import org.signpost.core.event.BotUttered;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.FlowEnded;
import org.signpost.core.event.FlowJumped;
import org.signpost.core.event.FlowStarted;
import org.signpost.core.event.FlowStepCompleted;
import org.signpost.core.event.SlotRequested;
import org.signpost.core.event.SlotReset;
import org.signpost.core.event.SlotSet;
import org.signpost.core.event.UserUttered;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.Button;
import org.signpost.core.message.Channel;
import org.signpost.nlu.ExtractedEntity;
import org.signpost.nlu.IntentScore;
import org.signpost.nlu.IntentShortcut;
import org.signpost.nlu.ParseResult;

/**
 * Interprets the declarative flows for one user message. Flows form a stack: an intent that
 * starts another flow interrupts the active one, which resumes (asking its question again) when
 * the interruption ends. Slots fill from entities in any message. Misunderstanding is handled
 * with a clarifying question, then an offer of a person. Stateless and thread-safe: all state is
 * in the {@link ConversationState} passed in and the events returned.
 */
public final class FlowEngine {

    /** Consecutive unclear messages after which a person is offered instead of another guess. */
    static final int FALLBACKS_BEFORE_HANDOFF = 2;
    /** Times a question is asked before a person is offered. */
    static final int ATTEMPTS_BEFORE_HANDOFF = 3;
    /** Flows suggested when the NLU is unsure. */
    static final int CLARIFY_OPTIONS = 3;
    /** Guards against content that would loop forever within one turn. */
    private static final int MAX_STEPS_PER_TURN = 100;

    private final Dialogue dialogue;

    public FlowEngine(Dialogue dialogue) {
        this.dialogue = Objects.requireNonNull(dialogue, "dialogue");
    }

    public Dialogue dialogue() {
        return dialogue;
    }

    /** Handles one message. */
    public Future<TurnOutcome> respond(ConversationState state, ParseResult parse, Channel channel, Instant now) {
        return respond(state, parse, Optional.empty(), channel, now);
    }

    /**
     * Handles one message.
     *
     * @param state the conversation before the message (a session already started)
     * @param override an intent whose flow must start now whatever the message seemed to say and
     *     whatever was being asked (the safety screen's verdict)
     */
    public Future<TurnOutcome> respond(ConversationState state, ParseResult parse, Optional<String> override,
            Channel channel, Instant now) {
        Turn turn = new Turn(state, channel, now);
        turn.emit(UserUttered.heard(now, parse));
        fillSlotsFromEntities(turn, parse);

        Optional<SlotRequest> requested = state.requestedSlot();
        Optional<Flow> triggered = override.isPresent() ? override.flatMap(dialogue::flowFor)
                : parse.isFallback() ? Optional.empty() : dialogue.flowFor(parse.intent().name());
        Optional<FlowFrame> active = state.activeFlow();
        boolean answeringFreeText = requested.flatMap(request -> dialogue.slot(request.slot()))
                .map(SlotDefinition::fromText).orElse(false) && !IntentShortcut.isShortcut(parse.text());
        boolean interrupts = override.isPresent() || !answeringFreeText
                || dialogue.freeTextInterruptions().contains(parse.intent().name());
        boolean startsOtherFlow = interrupts && triggered.isPresent()
                && active.map(frame -> !frame.flow().equals(triggered.get().id())).orElse(true);
        requested.ifPresent(request -> fillFromAnswer(turn, request, parse, startsOtherFlow));
        boolean answered = override.isEmpty() && requested.isPresent() && turn.state.slot(requested.get().slot()).isPresent();

        if (!answered && startsOtherFlow) {
            start(turn, triggered.get());
        } else if (!answered && requested.isPresent()) {
            askAgain(turn, requested.get());
            return Future.succeededFuture(turn.outcome());
        } else if (!answered && parse.isFallback()) {
            clarify(turn, parse);
            return Future.succeededFuture(turn.outcome());
        } else if (active.isEmpty() && triggered.isEmpty()) {
            turn.say(Dialogue.DEFAULT, Map.of());
            return Future.succeededFuture(turn.outcome());
        }
        return run(turn, 0).map(done -> turn.outcome());
    }

    private void fillSlotsFromEntities(Turn turn, ParseResult parse) {
        String asked = turn.state.requestedSlot().map(SlotRequest::slot).orElse("");
        for (SlotDefinition slot : dialogue.slots()) {
            if ((slot.entity().isEmpty() && !slot.fromButton()) || (slot.onlyWhenAsked() && !asked.equals(slot.name()))) {
                continue;
            }
            for (ExtractedEntity entity : parse.entities()) {
                boolean fromEntity = slot.entity().map(entity.entity()::equals).orElse(false);
                boolean fromButton = slot.fromButton() && entity.entity().equals(slot.name())
                        && entity.extractor().equals(IntentShortcut.EXTRACTOR);
                if (fromEntity || fromButton) {
                    Optional<String> value = slot.accept(entity.value());
                    if (value.isPresent()) {
                        if (!value.equals(turn.state.slot(slot.name()))) {
                            turn.emit(new SlotSet(turn.now, slot.name(), value.get()));
                        }
                        break;
                    }
                }
            }
        }
    }

    /**
     * The answer to a question fills its slot by its intent ("yes" for consent) or, for a free-text
     * slot, by its whole text, unless the answer clearly starts something else.
     */
    private void fillFromAnswer(Turn turn, SlotRequest request, ParseResult parse, boolean startsOtherFlow) {
        if (turn.state.slot(request.slot()).isPresent() || startsOtherFlow) {
            return;
        }
        Optional<SlotDefinition> slot = dialogue.slot(request.slot());
        Optional<String> value = slot.map(SlotDefinition::fromIntent).map(map -> map.get(parse.intent().name()))
                .flatMap(byIntent -> slot.get().accept(byIntent));
        if (value.isEmpty() && !IntentShortcut.isShortcut(parse.text())) {
            value = slot.filter(SlotDefinition::fromText).flatMap(definition -> definition.accept(parse.text()));
        }
        value.ifPresent(filled -> turn.emit(new SlotSet(turn.now, request.slot(), filled)));
    }

    private void clarify(Turn turn, ParseResult parse) {
        if (turn.state.consecutiveFallbacks() >= FALLBACKS_BEFORE_HANDOFF) {
            turn.say(Dialogue.OFFER_HANDOFF, Map.of());
            return;
        }
        Set<String> offered = new LinkedHashSet<>();
        List<Button> suggestions = new ArrayList<>();
        String activeFlow = turn.state.activeFlow().map(FlowFrame::flow).orElse("");
        for (IntentScore score : parse.intentRanking()) {
            Optional<Flow> flow = dialogue.flowFor(score.name());
            if (flow.isPresent() && !flow.get().id().equals(activeFlow) && offered.add(flow.get().id())) {
                suggestions.add(new Button(flow.get().title(), "/" + score.name()));
            }
            if (suggestions.size() == CLARIFY_OPTIONS) {
                break;
            }
        }
        turn.say(Dialogue.CLARIFY, Map.of(), suggestions);
    }

    private void askAgain(Turn turn, SlotRequest request) {
        int attempt = request.attempt() + 1;
        if (attempt > ATTEMPTS_BEFORE_HANDOFF) {
            turn.say(Dialogue.OFFER_HANDOFF, Map.of());
            turn.emit(new SlotRequested(turn.now, request.slot(), 1));
            return;
        }
        pendingCollect(turn.state, request.slot()).ifPresentOrElse(
                step -> turn.say(step.reprompt(), Map.of()),
                () -> turn.say(Dialogue.DEFAULT, Map.of()));
        turn.emit(new SlotRequested(turn.now, request.slot(), attempt));
    }

    /** The active flow's current step, when it is the question for {@code slot}. */
    private Optional<CollectStep> pendingCollect(ConversationState state, String slot) {
        return state.activeFlow().flatMap(frame -> dialogue.flow(frame.flow())
                .filter(flow -> frame.nextStep() < flow.steps().size())
                .map(flow -> flow.steps().get(frame.nextStep())))
                .filter(CollectStep.class::isInstance).map(CollectStep.class::cast)
                .filter(step -> step.slot().equals(slot));
    }

    /** Starts a flow, or returns to it if it is already on the stack below. */
    private void start(Turn turn, Flow flow) {
        List<FlowFrame> stack = turn.state.flows();
        boolean onStack = stack.stream().anyMatch(frame -> frame.flow().equals(flow.id()));
        if (onStack) {
            for (int i = stack.size() - 1; i >= 0 && !stack.get(i).flow().equals(flow.id()); i--) {
                end(turn, stack.get(i).flow(), FlowEnded.Outcome.CANCELLED);
            }
            return;
        }
        turn.emit(new FlowStarted(turn.now, flow.id()));
    }

    /** Runs steps of the active flow until one waits for the person or no flow is left. */
    private Future<Void> run(Turn turn, int stepsRun) {
        int steps = stepsRun;
        while (true) {
            if (++steps > MAX_STEPS_PER_TURN) {
                return Future.failedFuture(new IllegalStateException("flows ran more than " + MAX_STEPS_PER_TURN
                        + " steps in one turn"));
            }
            Optional<FlowFrame> active = turn.state.activeFlow();
            if (active.isEmpty()) {
                return Future.succeededFuture();
            }
            FlowFrame frame = active.get();
            Flow flow = dialogue.flow(frame.flow()).orElseThrow();
            if (frame.nextStep() >= flow.steps().size()) {
                end(turn, flow.id(), FlowEnded.Outcome.COMPLETED);
                turn.state.activeFlow().flatMap(resumed -> dialogue.flow(resumed.flow()))
                        .ifPresent(resumed -> turn.say(Dialogue.RESUME, Map.of("flow_title", resumed.title())));
                continue;
            }
            FlowStep step = flow.steps().get(frame.nextStep());
            if (!step.condition().holds(turn.state.slots())) {
                turn.emit(new FlowStepCompleted(turn.now, flow.id(), frame.nextStep()));
                continue;
            }
            if (step instanceof CollectStep collect) {
                if (turn.state.slot(collect.slot()).isEmpty()) {
                    turn.say(collect.ask(), Map.of());
                    turn.emit(new SlotRequested(turn.now, collect.slot(), 1));
                    return Future.succeededFuture();
                }
            } else if (step instanceof SetSlotsStep set) {
                set.resets().stream().filter(slot -> turn.state.slot(slot).isPresent())
                        .forEach(slot -> turn.emit(new SlotReset(turn.now, slot)));
                set.values().forEach((slot, value) -> turn.emit(new SlotSet(turn.now, slot, value)));
            } else if (step instanceof ActionStep action) {
                if (action.isResponse()) {
                    turn.say(action.action(), Map.of());
                } else if (action.action().equals(Dialogue.CANCEL_FLOW)) {
                    cancelBelow(turn, flow.id());
                } else {
                    int continueFrom = steps;
                    return runAction(turn, action).compose(done -> {
                        advance(turn, flow, frame.nextStep(), step);
                        return run(turn, continueFrom);
                    });
                }
            }
            advance(turn, flow, frame.nextStep(), step);
        }
    }

    /** Marks a step done, going on with the step it names in {@code next} if any. */
    private void advance(Turn turn, Flow flow, int index, FlowStep step) {
        if (step.next().isEmpty() || turn.state.activeFlow().map(f -> !f.flow().equals(flow.id())).orElse(true)) {
            turn.emit(new FlowStepCompleted(turn.now, flow.id(), index));
            return;
        }
        for (int target = 0; target < flow.steps().size(); target++) {
            if (flow.steps().get(target).id().equals(step.next())) {
                turn.emit(new FlowJumped(turn.now, flow.id(), target));
                return;
            }
        }
        throw new IllegalStateException("no step " + step.next() + " in " + flow.id());
    }

    private Future<Void> runAction(Turn turn, ActionStep step) {
        Action action = dialogue.action(step.action()).orElseThrow();
        ActionContext context = new ActionContext(turn.state, turn.channel, turn.now, step.arguments());
        Future<ActionResult> result;
        try {
            result = action.run(context);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result.map(done -> {
            turn.emit(new ActionExecuted(turn.now, action.name()));
            done.events().forEach(turn::emit);
            done.utterances().forEach(utterance -> turn.say(utterance.response(), utterance.variables()));
            return null;
        });
    }

    private void cancelBelow(Turn turn, String cancelling) {
        List<FlowFrame> stack = turn.state.flows();
        for (int i = stack.size() - 2; i >= 0; i--) {
            if (!stack.get(i).flow().equals(cancelling)) {
                end(turn, stack.get(i).flow(), FlowEnded.Outcome.CANCELLED);
            }
        }
    }

    /** Ends the topmost frame of a flow, forgetting the slots it collected for itself. */
    private void end(Turn turn, String flowId, FlowEnded.Outcome outcome) {
        dialogue.flow(flowId).ifPresent(flow -> flow.steps().stream()
                .filter(CollectStep.class::isInstance).map(CollectStep.class::cast)
                .filter(CollectStep::resetAfterFlowEnds)
                .filter(step -> turn.state.slot(step.slot()).isPresent())
                .forEach(step -> turn.emit(new SlotReset(turn.now, step.slot()))));
        turn.emit(new FlowEnded(turn.now, flowId, outcome));
    }

    /** The work of one turn: the state as it evolves, and what has been produced so far. */
    private final class Turn {
        private ConversationState state;
        private final Channel channel;
        private final Instant now;
        private final List<ConversationEvent> events = new ArrayList<>();
        private final List<BotMessage> messages = new ArrayList<>();

        private Turn(ConversationState state, Channel channel, Instant now) {
            this.state = state;
            this.channel = channel;
            this.now = now;
        }

        void emit(ConversationEvent event) {
            events.add(event);
            state = state.apply(event);
        }

        void say(String response, Map<String, String> variables) {
            say(response, variables, List.of());
        }

        void say(String response, Map<String, String> variables, List<Button> extraButtons) {
            Map<String, String> values = new HashMap<>(state.slots());
            values.putAll(variables);
            BotMessage rendered = dialogue.responses().render(response, channel, values, state.sessionEvents());
            List<Button> buttons = new ArrayList<>(extraButtons);
            buttons.addAll(rendered.buttons());
            BotMessage message = new BotMessage(rendered.text(), buttons);
            messages.add(message);
            emit(new BotUttered(now, response, message.text(), message.buttons()));
        }

        TurnOutcome outcome() {
            return new TurnOutcome(events, messages);
        }
    }
}
