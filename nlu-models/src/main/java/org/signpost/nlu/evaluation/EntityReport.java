package org.signpost.nlu.evaluation;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Entity extraction results per entity type. An entity counts as found when a predicted one has
 * the same type and exactly the same characters as an annotated one; its value is right when the
 * normalised values are equal too.
 */
public final class EntityReport {

    private final List<EntityPrediction> predictions;
    private final Map<String, Metrics> perEntity = new TreeMap<>();
    private final Map<String, Double> valueAccuracy = new TreeMap<>();
    private final Metrics micro;
    private final Metrics macro;

    public EntityReport(List<EntityPrediction> predictions) {
        this.predictions = List.copyOf(predictions);
        SortedSet<String> types = new TreeSet<>();
        predictions.forEach(p -> {
            p.gold().forEach(span -> types.add(span.entity()));
            p.predicted().forEach(span -> types.add(span.entity()));
        });
        int allFound = 0;
        int allPredicted = 0;
        int allGold = 0;
        double f1 = 0;
        int goldTypes = 0;
        for (String type : types) {
            int found = 0;
            int rightValue = 0;
            int predicted = 0;
            int gold = 0;
            for (EntityPrediction prediction : predictions) {
                for (EntityPrediction.Span span : prediction.gold()) {
                    if (!span.entity().equals(type)) {
                        continue;
                    }
                    gold++;
                    for (EntityPrediction.Span candidate : prediction.predicted()) {
                        if (candidate.samePlace(span)) {
                            found++;
                            rightValue += candidate.value().equals(span.value()) ? 1 : 0;
                            break;
                        }
                    }
                }
                predicted += (int) prediction.predicted().stream().filter(span -> span.entity().equals(type)).count();
            }
            Metrics metrics = Metrics.of(found, predicted, gold);
            perEntity.put(type, metrics);
            valueAccuracy.put(type, found == 0 ? 0 : (double) rightValue / found);
            allFound += found;
            allPredicted += predicted;
            allGold += gold;
            if (gold > 0) {
                goldTypes++;
                f1 += metrics.f1();
            }
        }
        this.micro = Metrics.of(allFound, allPredicted, allGold);
        Metrics averaged = goldTypes == 0 ? new Metrics(0, 0, 0, 0) : new Metrics(
                perEntity.values().stream().filter(m -> m.support() > 0).mapToDouble(Metrics::precision).sum() / goldTypes,
                perEntity.values().stream().filter(m -> m.support() > 0).mapToDouble(Metrics::recall).sum() / goldTypes,
                f1 / goldTypes, allGold);
        this.macro = averaged;
    }

    public Map<String, Metrics> perEntity() {
        return Map.copyOf(perEntity);
    }

    /** Of the entities found in the right place, the share whose normalised value was right too. */
    public Map<String, Double> valueAccuracy() {
        return Map.copyOf(valueAccuracy);
    }

    public Metrics microAverage() {
        return micro;
    }

    public Metrics macroAverage() {
        return macro;
    }

    /** Examples where the entities found differ from those annotated. */
    public List<EntityPrediction> errors() {
        return predictions.stream().filter(p -> !sameSpans(p.gold(), p.predicted())).toList();
    }

    private static boolean sameSpans(List<EntityPrediction.Span> gold, List<EntityPrediction.Span> predicted) {
        return gold.size() == predicted.size() && gold.stream().allMatch(g -> predicted.stream().anyMatch(g::samePlace));
    }
}
