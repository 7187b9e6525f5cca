package org.signpost.nlu;

/**
 * Tunable parts of the NLU pipeline.
 *
 * @param fallbackThreshold below this top confidence the intent becomes {@code nlu_fallback}
 * @param iterations maximum-entropy training iterations
 */
public record NluSettings(double fallbackThreshold, int iterations) {

    public static final NluSettings DEFAULTS = new NluSettings(0.3, 150);

    public NluSettings {
        if (fallbackThreshold < 0 || fallbackThreshold > 1) {
            throw new IllegalArgumentException("fallbackThreshold must be between 0 and 1, was " + fallbackThreshold);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive, was " + iterations);
        }
    }

    public NluSettings withFallbackThreshold(double threshold) {
        return new NluSettings(threshold, iterations);
    }
}
