package org.signpost.nlu.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.signpost.nlu.ExtractedEntity;
import org.signpost.nlu.NluModel;
import org.signpost.nlu.ParseResult;
import org.signpost.nlu.data.EntityAnnotation;
import org.signpost.nlu.data.TrainingExample;

/** Runs a model over annotated examples and collects what it predicted. */
public final class Evaluator {

    private Evaluator() {
    }

    public record Results(List<IntentPrediction> intents, List<EntityPrediction> entities) {
        public Results {
            intents = List.copyOf(intents);
            entities = List.copyOf(entities);
        }

        public static Results merge(List<Results> parts) {
            List<IntentPrediction> intents = new ArrayList<>();
            List<EntityPrediction> entities = new ArrayList<>();
            parts.forEach(part -> {
                intents.addAll(part.intents());
                entities.addAll(part.entities());
            });
            return new Results(intents, entities);
        }
    }

    public static Results evaluate(NluModel model, List<TrainingExample> examples) {
        List<IntentPrediction> intents = new ArrayList<>(examples.size());
        List<EntityPrediction> entities = new ArrayList<>(examples.size());
        for (TrainingExample example : examples) {
            ParseResult result = model.parse(example.text());
            intents.add(new IntentPrediction(example.text(), example.intent(), result.intent().name(),
                    result.intent().confidence()));
            List<EntityPrediction.Span> gold = example.entities().stream()
                    .map(Evaluator::span).toList();
            List<EntityPrediction.Span> predicted = result.entities().stream()
                    .map(Evaluator::span).toList();
            entities.add(new EntityPrediction(example.text(), gold, predicted));
        }
        return new Results(intents, entities);
    }

    private static EntityPrediction.Span span(EntityAnnotation annotation) {
        return new EntityPrediction.Span(annotation.entity(), annotation.start(), annotation.end(), annotation.value());
    }

    private static EntityPrediction.Span span(ExtractedEntity entity) {
        return new EntityPrediction.Span(entity.entity(), entity.start(), entity.end(), entity.value());
    }
}
