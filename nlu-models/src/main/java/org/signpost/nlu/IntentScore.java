package org.signpost.nlu;

import java.util.Objects;

/** An intent name and the classifier's confidence in it, between 0 and 1. */
public record IntentScore(String name, double confidence) {

    public IntentScore {
        Objects.requireNonNull(name, "name");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
        }
    }
}
