package org.signpost.connectors.voice.listen;

import java.util.Objects;

/**
 * What speech recognition made of a recording.
 *
 * @param transcript the best alternative's words; empty unless {@link Outcome#HEARD}
 * @param confidence the service's confidence in it, 0 to 1, or {@link #UNKNOWN} when the service
 *     did not estimate one
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

    /** The confidence of words the service did not estimate a confidence for. */
    public static final float UNKNOWN = Float.NaN;

    public Recognition {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(transcript, "transcript");
    }

    public static Recognition heard(String transcript, float confidence) {
        return new Recognition(Outcome.HEARD, transcript, confidence);
    }

    /** Words without a confidence: the service did not estimate one. */
    public static Recognition heard(String transcript) {
        return new Recognition(Outcome.HEARD, transcript, UNKNOWN);
    }

    /**
     * Whether these are words to act on: heard, not blank, and as sure as {@code minimum}. Words
     * without a confidence are taken as heard: a service that never estimates one would otherwise
     * never be listened to, and the dialog still confirms what matters (a number, a referral).
     */
    public boolean isTrusted(float minimum) {
        return outcome == Outcome.HEARD && !transcript.isBlank() && (Float.isNaN(confidence) || confidence >= minimum);
    }

    public static Recognition nothing() {
        return new Recognition(Outcome.NOTHING, "", 0f);
    }

    public static Recognition unavailable() {
        return new Recognition(Outcome.UNAVAILABLE, "", 0f);
    }
}
