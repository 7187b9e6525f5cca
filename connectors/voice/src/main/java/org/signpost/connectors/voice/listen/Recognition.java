package org.signpost.connectors.voice.listen;

import java.util.Objects;

/**
 * What speech recognition made of a recording.
 *
 * @param transcript the best alternative's words; empty unless {@link Outcome#HEARD}
 * @param confidence the service's confidence in it, 0 to 1
 */
public record Recognition(Outcome outcome, String transcript, float confidence) {

    public enum Outcome {
        /** Words were recognised. */
        HEARD,
        /** The service answered but heard no words (silence, noise). */
        NOTHING,
        /** The service could not be asked or failed. */
        UNAVAILABLE
    }

    public Recognition {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(transcript, "transcript");
    }

    public static Recognition heard(String transcript, float confidence) {
        return new Recognition(Outcome.HEARD, transcript, confidence);
    }

    public static Recognition nothing() {
        return new Recognition(Outcome.NOTHING, "", 0f);
    }

    public static Recognition unavailable() {
        return new Recognition(Outcome.UNAVAILABLE, "", 0f);
    }
}
