package org.signpost.nlu.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Intent classification results as {@code rasa test nlu} reports them: per intent precision,
 * recall, F1 and support, the accuracy, macro and weighted averages, the confusion matrix and
 * the misclassified examples.
 */
public final class IntentReport {

    private final List<IntentPrediction> predictions;
    private final SortedSet<String> labels = new TreeSet<>();
    private final Map<String, Metrics> perIntent = new TreeMap<>();
    private final Map<String, Map<String, Integer>> confusion = new TreeMap<>();
    private final double accuracy;
    private final Metrics macro;
    private final Metrics weighted;

    public IntentReport(List<IntentPrediction> predictions) {
        this.predictions = List.copyOf(predictions);
        for (IntentPrediction prediction : predictions) {
            labels.add(prediction.gold());
            labels.add(prediction.predicted());
            confusion.computeIfAbsent(prediction.gold(), gold -> new TreeMap<>()).merge(prediction.predicted(), 1, Integer::sum);
        }
        int correct = 0;
        for (IntentPrediction prediction : predictions) {
            correct += prediction.correct() ? 1 : 0;
        }
        this.accuracy = predictions.isEmpty() ? 0 : (double) correct / predictions.size();
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        double weightedPrecision = 0;
        double weightedRecall = 0;
        double weightedF1 = 0;
        int goldLabels = 0;
        for (String label : labels) {
            int truePositives = count(label, label);
            int predicted = 0;
            int gold = 0;
            for (IntentPrediction prediction : predictions) {
                predicted += prediction.predicted().equals(label) ? 1 : 0;
                gold += prediction.gold().equals(label) ? 1 : 0;
            }
            Metrics metrics = Metrics.of(truePositives, predicted, gold);
            perIntent.put(label, metrics);
            if (gold > 0) {
                // As scikit-learn (and so Rasa) do, averages run over the labels of the gold data.
                goldLabels++;
                precision += metrics.precision();
                recall += metrics.recall();
                f1 += metrics.f1();
                weightedPrecision += metrics.precision() * gold;
                weightedRecall += metrics.recall() * gold;
                weightedF1 += metrics.f1() * gold;
            }
        }
        int total = predictions.size();
        this.macro = goldLabels == 0 ? new Metrics(0, 0, 0, 0)
                : new Metrics(precision / goldLabels, recall / goldLabels, f1 / goldLabels, total);
        this.weighted = total == 0 ? new Metrics(0, 0, 0, 0)
                : new Metrics(weightedPrecision / total, weightedRecall / total, weightedF1 / total, total);
    }

    private int count(String gold, String predicted) {
        return confusion.getOrDefault(gold, Map.of()).getOrDefault(predicted, 0);
    }

    public double accuracy() {
        return accuracy;
    }

    public Metrics macroAverage() {
        return macro;
    }

    public Metrics weightedAverage() {
        return weighted;
    }

    /** Metrics by intent, alphabetically (intents only ever predicted have support 0). */
    public Map<String, Metrics> perIntent() {
        return Map.copyOf(perIntent);
    }

    /** Every label seen as gold or predicted, alphabetically. */
    public List<String> labels() {
        return List.copyOf(labels);
    }

    /** How often examples of {@code gold} were predicted as {@code predicted}. */
    public int confusion(String gold, String predicted) {
        return count(gold, predicted);
    }

    /** For one gold intent, what its examples were wrongly predicted as, most frequent first. */
    public Map<String, Integer> confusedWith(String gold) {
        List<Map.Entry<String, Integer>> wrong = new ArrayList<>();
        confusion.getOrDefault(gold, Map.of()).forEach((predicted, n) -> {
            if (!predicted.equals(gold)) {
                wrong.add(Map.entry(predicted, n));
            }
        });
        wrong.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        Map<String, Integer> ordered = new LinkedHashMap<>();
        wrong.forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return ordered;
    }

    public List<IntentPrediction> predictions() {
        return predictions;
    }

    public List<IntentPrediction> errors() {
        return predictions.stream().filter(prediction -> !prediction.correct()).toList();
    }
}
