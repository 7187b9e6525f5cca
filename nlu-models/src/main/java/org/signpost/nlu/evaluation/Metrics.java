package org.signpost.nlu.evaluation;

/** Precision, recall and F1 of one label (or an average), and how many gold examples it had. */
public record Metrics(double precision, double recall, double f1, int support) {

    static Metrics of(int truePositives, int predicted, int gold) {
        double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
        double recall = gold == 0 ? 0 : (double) truePositives / gold;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Metrics(precision, recall, f1, gold);
    }
}
