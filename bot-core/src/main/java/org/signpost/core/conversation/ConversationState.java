package org.signpost.core.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.EscalationRequested;
import org.signpost.core.event.FlowEnded;
import org.signpost.core.event.FlowJumped;
import org.signpost.core.event.FlowStarted;
import org.signpost.core.event.FlowStepCompleted;
import org.signpost.core.event.NavigatorJoined;
import org.signpost.core.event.NavigatorLeft;
import org.signpost.core.event.SessionStarted;
import org.signpost.core.event.SlotRequested;
import org.signpost.core.event.SlotReset;
import org.signpost.core.event.SlotSet;
import org.signpost.core.event.UserUttered;
import org.signpost.nlu.ParseResult;

/**
 * What a conversation knows, derived only from its events ({@link #fold}). Immutable: applying an
 * event returns a new state. Only the current session counts: a {@link SessionStarted} forgets
 * slots and flows.
 */
public final class ConversationState {

    private final String conversationId;
    private final List<FlowFrame> flows;
    private final Map<String, String> slots;
    private final SlotRequest requestedSlot;
    private final int consecutiveFallbacks;
    private final Instant lastEventAt;
    private final int sessionEvents;
    private final String escalationId;
    private final String escalationPriority;
    private final String navigator;

    private ConversationState(String conversationId, List<FlowFrame> flows, Map<String, String> slots,
            SlotRequest requestedSlot, int consecutiveFallbacks, Instant lastEventAt, int sessionEvents,
            String escalationId, String escalationPriority, String navigator) {
        this.conversationId = conversationId;
        this.flows = List.copyOf(flows);
        this.slots = Map.copyOf(slots);
        this.requestedSlot = requestedSlot;
        this.consecutiveFallbacks = consecutiveFallbacks;
        this.lastEventAt = lastEventAt;
        this.sessionEvents = sessionEvents;
        this.escalationId = escalationId;
        this.escalationPriority = escalationPriority;
        this.navigator = navigator;
    }

    public static ConversationState empty(String conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        return new ConversationState(conversationId, List.of(), Map.of(), null, 0, null, 0, null, null, null);
    }

    public static ConversationState fold(String conversationId, List<ConversationEvent> events) {
        ConversationState state = empty(conversationId);
        for (ConversationEvent event : events) {
            state = state.apply(event);
        }
        return state;
    }

    public ConversationState apply(ConversationEvent event) {
        Objects.requireNonNull(event, "event");
        Instant at = event.at();
        // Java 17 has no pattern matching for switch, so the fold is an instanceof chain.
        if (event instanceof SessionStarted) {
            return new ConversationState(conversationId, List.of(), Map.of(), null, 0, at, 1, null, null, null);
        }
        if (event instanceof UserUttered uttered) {
            int fallbacks = ParseResult.FALLBACK_INTENT.equals(uttered.intent()) ? consecutiveFallbacks + 1 : 0;
            return with(flows, slots, requestedSlot, fallbacks, at, escalationId);
        }
        if (event instanceof SlotSet set) {
            Map<String, String> filled = new HashMap<>(slots);
            filled.put(set.slot(), set.value());
            SlotRequest request = requestedSlot != null && requestedSlot.slot().equals(set.slot()) ? null : requestedSlot;
            return with(flows, filled, request, consecutiveFallbacks, at, escalationId);
        }
        if (event instanceof SlotReset reset) {
            Map<String, String> emptied = new HashMap<>(slots);
            emptied.remove(reset.slot());
            return with(flows, emptied, requestedSlot, consecutiveFallbacks, at, escalationId);
        }
        if (event instanceof SlotRequested requested) {
            return with(flows, slots, new SlotRequest(requested.slot(), requested.attempt()), consecutiveFallbacks, at,
                    escalationId);
        }
        if (event instanceof FlowStarted started) {
            List<FlowFrame> stack = new ArrayList<>(flows);
            stack.add(new FlowFrame(started.flow(), 0));
            return with(stack, slots, null, consecutiveFallbacks, at, escalationId);
        }
        if (event instanceof FlowStepCompleted completed) {
            List<FlowFrame> stack = new ArrayList<>(flows);
            if (!stack.isEmpty() && stack.get(stack.size() - 1).flow().equals(completed.flow())) {
                stack.set(stack.size() - 1, new FlowFrame(completed.flow(), completed.step() + 1));
            }
            return with(stack, slots, requestedSlot, consecutiveFallbacks, at, escalationId);
        }
        if (event instanceof FlowJumped jumped) {
            List<FlowFrame> stack = new ArrayList<>(flows);
            if (!stack.isEmpty() && stack.get(stack.size() - 1).flow().equals(jumped.flow())) {
                stack.set(stack.size() - 1, new FlowFrame(jumped.flow(), jumped.step()));
            }
            return with(stack, slots, requestedSlot, consecutiveFallbacks, at, escalationId);
        }
        if (event instanceof FlowEnded ended) {
            // The topmost frame of that flow ends: usually the active one, or one below it when a
            // cancel flow abandons what it interrupted.
            List<FlowFrame> stack = new ArrayList<>(flows);
            for (int i = stack.size() - 1; i >= 0; i--) {
                if (stack.get(i).flow().equals(ended.flow())) {
                    stack.remove(i);
                    break;
                }
            }
            return with(stack, slots, null, consecutiveFallbacks, at, escalationId);
        }
        if (event instanceof EscalationRequested escalated) {
            return new ConversationState(conversationId, flows, slots, requestedSlot, consecutiveFallbacks, at,
                    sessionEvents + 1, escalated.escalationId(), escalated.priority(), navigator);
        }
        if (event instanceof NavigatorJoined joined) {
            return new ConversationState(conversationId, flows, slots, requestedSlot, consecutiveFallbacks, at,
                    sessionEvents + 1, escalationId, escalationPriority, joined.navigator());
        }
        if (event instanceof NavigatorLeft) {
            // The escalation is over: the bot answers again, and asking for a person queues anew.
            return new ConversationState(conversationId, flows, slots, requestedSlot, 0, at, sessionEvents + 1,
                    null, null, null);
        }
        // Other events (what was said, actions, notes, safety flags) change nothing but the clock.
        return with(flows, slots, requestedSlot, consecutiveFallbacks, at, escalationId);
    }

    private ConversationState with(List<FlowFrame> flows, Map<String, String> slots, SlotRequest requestedSlot,
            int consecutiveFallbacks, Instant at, String escalationId) {
        return new ConversationState(conversationId, flows, slots, requestedSlot, consecutiveFallbacks, at,
                sessionEvents + 1, escalationId, escalationPriority, navigator);
    }

    public String conversationId() {
        return conversationId;
    }

    /** Flows in progress, the interrupted ones first and the active one last. */
    public List<FlowFrame> flows() {
        return flows;
    }

    public Optional<FlowFrame> activeFlow() {
        return flows.isEmpty() ? Optional.empty() : Optional.of(flows.get(flows.size() - 1));
    }

    public Map<String, String> slots() {
        return slots;
    }

    public Optional<String> slot(String name) {
        return Optional.ofNullable(slots.get(name));
    }

    public Optional<SlotRequest> requestedSlot() {
        return Optional.ofNullable(requestedSlot);
    }

    /** How many messages in a row, up to the latest, the NLU was not confident about. */
    public int consecutiveFallbacks() {
        return consecutiveFallbacks;
    }

    public Optional<Instant> lastEventAt() {
        return Optional.ofNullable(lastEventAt);
    }

    /** Events since the session started; 0 before any session. */
    public int sessionEvents() {
        return sessionEvents;
    }

    /** The latest escalation raised in this session, if any. */
    public Optional<String> escalationId() {
        return Optional.ofNullable(escalationId);
    }

    /** The care navigator who has joined the conversation, if one has: the bot stays quiet meanwhile. */
    public Optional<String> navigator() {
        return Optional.ofNullable(navigator);
    }

    /** The priority of the latest escalation raised in this session, if any. */
    public Optional<String> escalationPriority() {
        return Optional.ofNullable(escalationPriority);
    }
}
