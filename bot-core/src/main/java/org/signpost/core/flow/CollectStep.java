package org.signpost.core.flow;

import java.util.Objects;
import org.signpost.content.SourceLocation;

/**
 * Ask for {@code slot} with the response {@code ask} unless it is already known; ask again with
 * {@code reprompt} when an answer does not fill it.
 *
 * @param resetAfterFlowEnds whether the slot is forgotten when its flow ends (so the next run of
 *     the flow asks again)
 */
public record CollectStep(String id, Condition condition, String slot, String ask, String reprompt,
        boolean resetAfterFlowEnds, SourceLocation location) implements FlowStep {

    public CollectStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(ask, "ask");
        Objects.requireNonNull(reprompt, "reprompt");
        Objects.requireNonNull(location, "location");
    }
}
