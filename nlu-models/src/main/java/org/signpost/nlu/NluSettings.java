package org.signpost.nlu;

import de.bwaldvogel.liblinear.SolverType;
import java.util.Objects;
import org.signpost.nlu.intent.LinearIntentClassifier;
import org.signpost.nlu.intent.TextFeatures;
import org.signpost.nlu.vectors.WordVectors;

/**
 * Tunable parts of the NLU pipeline.
 *
 * @param fallbackThreshold below this top confidence the intent becomes {@code nlu_fallback}
 * @param classifier which intent classifier to train
 * @param linear how to train the linear classifier
 * @param maxentIterations training iterations of the OpenNLP maximum-entropy classifier
 */
public record NluSettings(double fallbackThreshold, Classifier classifier, LinearIntentClassifier.Settings linear,
        int maxentIterations) {

    /** The intent classifiers the pipeline can train. */
    public enum Classifier {
        /** LIBLINEAR over TF-IDF words, bigrams and character n-grams: the measured best. */
        LINEAR,
        /** OpenNLP's maximum-entropy document categoriser. */
        MAXENT
    }

    /**
     * The word-vector block's weight: 1 scored best in cross-validation on the project's data
     * (macro F1 0.941-0.942, against 0.939-0.940 at 1.5-2, 0.932 at 3 and 0.933 with none).
     * Character n-grams of 2-4: single characters (every word's "^" and "$", every letter) made a
     * third of a message's features and scored the same in cross-validation (0.944 and 0.946 on
     * two shufflings, either way), and a parse reads 108 features instead of 152.
     */
    public static final NluSettings DEFAULTS = new NluSettings(0.3, Classifier.LINEAR,
            new LinearIntentClassifier.Settings(new TextFeatures.Shape(true, 2, 4, true, 1.0), SolverType.MCSVM_CS, 4.0,
                    5.0), 150);

    public NluSettings {
        if (fallbackThreshold < 0 || fallbackThreshold > 1) {
            throw new IllegalArgumentException("fallbackThreshold must be between 0 and 1, was " + fallbackThreshold);
        }
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(linear, "linear");
        if (maxentIterations < 1) {
            throw new IllegalArgumentException("maxentIterations must be positive, was " + maxentIterations);
        }
    }

    public NluSettings withFallbackThreshold(double threshold) {
        return new NluSettings(threshold, classifier, linear, maxentIterations);
    }

    public NluSettings withClassifier(Classifier kind) {
        return new NluSettings(fallbackThreshold, kind, linear, maxentIterations);
    }

    public NluSettings withLinear(LinearIntentClassifier.Settings settings) {
        return new NluSettings(fallbackThreshold, classifier, settings, maxentIterations);
    }

    /** Everything that shapes a trained model, for cache keys: the word vectors' fingerprint included. */
    public String trainingKey() {
        if (classifier == Classifier.MAXENT) {
            return "maxent-" + maxentIterations;
        }
        TextFeatures.Shape shape = linear.shape();
        String vectors = shape.vectorWeight() > 0
                ? shape.vectorWeight() + "x" + Long.toHexString(WordVectors.bundled().fingerprint()) : "none";
        return "linear-" + shape.bigrams() + "-" + shape.charMin() + "-" + shape.charMax() + "-" + shape.blockNormalised()
                + "-" + vectors + "-" + linear.solver() + "-" + linear.c() + "-" + linear.temperature();
    }
}
