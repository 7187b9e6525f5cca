package org.signpost.core.flow;

import org.signpost.content.SourceLocation;

/** One step of a flow: collect a slot, run an action or say a response, or set slots. */
public sealed interface FlowStep permits CollectStep, ActionStep, SetSlotsStep {

    SourceLocation location();
}
