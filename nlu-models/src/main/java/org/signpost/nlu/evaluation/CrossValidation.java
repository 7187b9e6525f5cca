package org.signpost.nlu.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.signpost.nlu.NluModel;
import org.signpost.nlu.data.TrainingData;
import org.signpost.nlu.data.TrainingExample;

/**
 * Stratified k-fold cross-validation: each intent's examples are shuffled (with a fixed seed, so
 * runs repeat) and dealt round the folds; each fold is predicted by a model trained on the others.
 */
public final class CrossValidation {

    private CrossValidation() {
    }

    /** The examples of each fold; together they are every example exactly once. */
    public static List<List<TrainingExample>> folds(List<TrainingExample> examples, int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, was " + folds);
        }
        Map<String, List<TrainingExample>> byIntent = new TreeMap<>();
        examples.forEach(example -> byIntent.computeIfAbsent(example.intent(), intent -> new ArrayList<>()).add(example));
        List<List<TrainingExample>> result = new ArrayList<>();
        for (int i = 0; i < folds; i++) {
            result.add(new ArrayList<>());
        }
        Random random = new Random(seed);
        int next = 0;
        for (List<TrainingExample> group : byIntent.values()) {
            List<TrainingExample> shuffled = new ArrayList<>(group);
            Collections.shuffle(shuffled, random);
            for (TrainingExample example : shuffled) {
                result.get(next++ % folds).add(example);
            }
        }
        return result.stream().map(List::copyOf).toList();
    }

    /**
     * @param train builds a model from training data (the entity tables of {@code data} are kept whole)
     * @param progress told "fold i of n" before each fold
     */
    public static Evaluator.Results run(TrainingData data, int folds, long seed, Function<TrainingData, NluModel> train,
            BiConsumer<Integer, Integer> progress) {
        List<List<TrainingExample>> split = folds(data.examples(), folds, seed);
        List<Evaluator.Results> results = new ArrayList<>();
        for (int i = 0; i < folds; i++) {
            progress.accept(i + 1, folds);
            List<TrainingExample> training = new ArrayList<>();
            for (int j = 0; j < folds; j++) {
                if (j != i) {
                    training.addAll(split.get(j));
                }
            }
            NluModel model = train.apply(new TrainingData(training, data.synonyms(), data.regexes(), data.lookups()));
            results.add(Evaluator.evaluate(model, split.get(i)));
        }
        return Evaluator.Results.merge(results);
    }
}
