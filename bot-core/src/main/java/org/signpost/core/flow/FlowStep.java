package org.signpost.core.flow;

import org.signpost.content.SourceLocation;

/**
 * One step of a flow: collect a slot, run an action or say a response, or set slots. A step may
 * have an {@code id} (for {@code next} jumps) and a {@link Condition} (it is skipped when false).
 */
public sealed interface FlowStep permits CollectStep, ActionStep, SetSlotsStep {

    /** The step's id, or empty. */
    String id();

    Condition condition();

    /** The id of the step to go on with afterwards, or empty for the next one. */
    default String next() {
        return "";
    }

    SourceLocation location();
}
