package org.signpost.core.event;

import java.time.Instant;

/**
 * Something that happened in a conversation. The event log is the conversation's truth: a
 * conversation's state is a fold over its events, and stores persist events, never state.
 */
public sealed interface ConversationEvent
        permits SessionStarted, UserUttered, BotUttered, SlotSet, SlotReset, SlotRequested, FlowStarted,
                FlowStepCompleted, FlowJumped, FlowEnded, ActionExecuted, EscalationRequested, SafetyFlagged,
                NavigatorJoined, NavigatorUttered, NavigatorLeft, NoteAdded {

    Instant at();
}
