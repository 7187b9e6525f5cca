package org.signpost.core.conversation;

import java.util.Objects;

/** A flow in progress: which flow, and the index of the next step to run. */
public record FlowFrame(String flow, int nextStep) {

    public FlowFrame {
        Objects.requireNonNull(flow, "flow");
    }
}
