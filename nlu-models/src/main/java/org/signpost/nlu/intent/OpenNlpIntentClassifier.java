package org.signpost.nlu.intent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.ml.maxent.GISTrainer;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;
import org.signpost.nlu.IntentScore;

/**
 * An OpenNLP maximum-entropy document categoriser over words, word bigrams and character
 * n-grams. The model is shared; each thread gets its own {@link DocumentCategorizerME} because
 * OpenNLP's {@code *ME} classes are not thread-safe.
 */
public final class OpenNlpIntentClassifier implements IntentClassifier {

    private final DoccatModel model;
    private final ThreadLocal<DocumentCategorizerME> categorizer;

    public OpenNlpIntentClassifier(DoccatModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.categorizer = ThreadLocal.withInitial(() -> new DocumentCategorizerME(model));
    }

    /**
     * Trains a model. CPU-bound for seconds: call it off any event loop.
     *
     * @param samples intent name and words of each example
     */
    public static OpenNlpIntentClassifier train(List<DocumentSample> samples, int iterations) {
        try {
            TrainingParameters parameters = new TrainingParameters();
            parameters.put(TrainingParameters.ALGORITHM_PARAM, GISTrainer.MAXENT_VALUE);
            parameters.put(TrainingParameters.ITERATIONS_PARAM, iterations);
            // OpenNLP's default cutoff of 5 throws away most features of a small data set.
            parameters.put(TrainingParameters.CUTOFF_PARAM, 1);
            FeatureGenerator[] features = {
                new BagOfWordsFeatureGenerator(),
                new NGramFeatureGenerator(2, 2),
                new CharacterNGramFeatureGenerator(),
            };
            DoccatModel model = DocumentCategorizerME.train("en", ObjectStreamUtils.createObjectStream(samples),
                    parameters, new DoccatFactory(features));
            return new OpenNlpIntentClassifier(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OpenNlpIntentClassifier load(byte[] serialized) {
        try {
            return new OpenNlpIntentClassifier(new DoccatModel(new ByteArrayInputStream(serialized)));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable intent model", e);
        }
    }

    public byte[] serialize() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            model.serialize(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<IntentScore> rank(String[] words) {
        DocumentCategorizerME me = categorizer.get();
        double[] outcomes = me.categorize(words);
        List<IntentScore> ranking = new ArrayList<>(outcomes.length);
        for (int i = 0; i < outcomes.length; i++) {
            ranking.add(new IntentScore(me.getCategory(i), Math.min(1.0, Math.max(0.0, outcomes[i]))));
        }
        ranking.sort(Comparator.comparingDouble(IntentScore::confidence).reversed());
        return List.copyOf(ranking);
    }
}
