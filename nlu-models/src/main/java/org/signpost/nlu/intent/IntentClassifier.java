package org.signpost.nlu.intent;

import java.util.List;
import org.signpost.nlu.IntentScore;

/** Ranks every known intent for a tokenised message. Thread-safe. */
public interface IntentClassifier {

    /** All intents, most likely first; confidences sum to 1. */
    List<IntentScore> rank(String[] words);
}
