package org.signpost.nlu.evaluation;

import java.util.Objects;

/** What the model said of one test example, against what it should have said. */
public record IntentPrediction(String text, String gold, String predicted, double confidence) {

    public IntentPrediction {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(predicted, "predicted");
    }

    public boolean correct() {
        return gold.equals(predicted);
    }
}
