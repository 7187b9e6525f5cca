package org.signpost.nlu.intent;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.signpost.nlu.IntentScore;

/**
 * A linear classifier (LIBLINEAR: L2-regularised one-vs-rest SVM or logistic regression) over
 * {@link TextFeatures}. Confidences are a softmax of the decision values, sharpened by
 * {@code temperature} (a higher value makes the winner more confident). Immutable and
 * thread-safe: LIBLINEAR's prediction only reads the model.
 */
public final class LinearIntentClassifier implements IntentClassifier {

    /** How to train. */
    public record Settings(TextFeatures.Shape shape, SolverType solver, double c, double temperature) {
        public Settings {
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(solver, "solver");
        }

        public Settings withVectorWeight(double weight) {
            return new Settings(shape.withVectorWeight(weight), solver, c, temperature);
        }
    }

    private static final int FORMAT = 2;

    static {
        Linear.disableDebugOutput();
    }

    private final TextFeatures features;
    private final Model model;
    private final String[] intents;
    /** Intent names in LIBLINEAR's class order, the order of {@link #decisionValues}. */
    private final List<String> inClassOrder;
    private final double temperature;
    /** LIBLINEAR's weights per feature: one per class, or one for two classes (but Crammer-Singer). */
    private final int weightsPerFeature;
    /**
     * With word vectors: each word piece's scores ({@code [row * weightsPerFeature + class]}, the
     * model's dense-block weights times the piece's vector). The block is a multiple of the sum of
     * the pieces' vectors, so a parse adds that multiple of its pieces' rows instead of building
     * a liblinear feature per value. Null without word vectors.
     */
    private final float[] pieceScores;
    /**
     * LIBLINEAR's weights of the sparse features as floats ({@code [id * weightsPerFeature + class]}):
     * a parse reads a row for each of its hundred or so features from a table of megabytes, and
     * that memory traffic, more than the arithmetic, is what a parse costs. Floats halve it.
     */
    private final float[] sparseWeights;
    /** The weights of LIBLINEAR's bias feature (always 1), one per class. */
    private final double[] biasWeights;

    private LinearIntentClassifier(TextFeatures features, Model model, String[] intents, double temperature) {
        this.features = features;
        this.model = model;
        this.intents = intents;
        this.inClassOrder = Arrays.stream(model.getLabels()).mapToObj(label -> intents[label]).toList();
        this.temperature = temperature;
        this.weightsPerFeature = model.getNrClass() == 2 && model.getSolverType() != SolverType.MCSVM_CS
                ? 1 : model.getNrClass();
        this.pieceScores = features.vectors() == null ? null : pieceScores(features, model, weightsPerFeature);
        double[] all = model.getFeatureWeights();
        this.sparseWeights = floats(all, 0, features.denseOffset() * weightsPerFeature);
        this.biasWeights = Arrays.copyOfRange(all, model.getNrFeature() * weightsPerFeature,
                (model.getNrFeature() + 1) * weightsPerFeature);
    }

    private static float[] pieceScores(TextFeatures features, Model model, int weightsPerFeature) {
        float[] dense = floats(model.getFeatureWeights(), features.denseOffset() * weightsPerFeature,
                (features.size() - features.denseOffset()) * weightsPerFeature);
        return features.vectors().pieceScores(dense, weightsPerFeature);
    }

    private static float[] floats(double[] values, int from, int length) {
        float[] floats = new float[length];
        for (int i = 0; i < length; i++) {
            floats[i] = (float) values[from + i];
        }
        return floats;
    }

    /**
     * Trains on tokenised examples. CPU-bound: never on an event loop.
     *
     * @param examples intent name and words of each example
     */
    public static LinearIntentClassifier train(List<Map.Entry<String, String[]>> examples, Settings settings) {
        List<String> names = examples.stream().map(Map.Entry::getKey).distinct().sorted().toList();
        Map<String, Integer> labelOf = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            labelOf.put(names.get(i), i);
        }
        TextFeatures features = TextFeatures.learn(settings.shape(), examples.stream().map(Map.Entry::getValue).toList());
        Problem problem = new Problem();
        problem.l = examples.size();
        problem.n = features.size() + 1;
        problem.bias = 1;
        problem.x = new Feature[problem.l][];
        problem.y = new double[problem.l];
        for (int i = 0; i < problem.l; i++) {
            problem.x[i] = withBias(features.vector(examples.get(i).getValue()), problem.n);
            problem.y[i] = labelOf.get(examples.get(i).getKey());
        }
        Model model = Linear.train(problem, new Parameter(settings.solver(), settings.c(), 0.1));
        return new LinearIntentClassifier(features, model, names.toArray(String[]::new), settings.temperature());
    }

    @Override
    public List<IntentScore> rank(String[] words) {
        double[] scores = decisionValues(words);
        double max = Double.NEGATIVE_INFINITY;
        for (double score : scores) {
            max = Math.max(max, score);
        }
        double sum = 0;
        double[] exp = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            exp[i] = Math.exp(temperature * (scores[i] - max));
            sum += exp[i];
        }
        // Most confident first, by an insertion sort of class numbers: a few dozen classes, and no
        // comparator objects on a path every message takes.
        int[] order = new int[scores.length];
        for (int i = 0; i < order.length; i++) {
            int at = i;
            while (at > 0 && exp[order[at - 1]] < exp[i]) {
                order[at] = order[at - 1];
                at--;
            }
            order[at] = i;
        }
        IntentScore[] ranking = new IntentScore[scores.length];
        for (int i = 0; i < order.length; i++) {
            ranking[i] = new IntentScore(inClassOrder.get(order[i]), exp[order[i]] / sum);
        }
        return List.of(ranking);
    }

    /** The intents in the order of {@link #decisionValues}. */
    public List<String> intents() {
        return inClassOrder;
    }

    /**
     * The raw decision value of each class, in the order of {@link #intents()}: LIBLINEAR's sum
     * (weights times values, plus the bias's weights) computed here over the featuriser's ids.
     */
    public double[] decisionValues(String[] words) {
        TextFeatures.Features vector = features.featurise(words);
        // Summed in floats, as the weights are: each class's sum is then one vector instruction
        // per feature (C2 vectorises the inner loop), and a few hundred terms lose nothing that
        // matters against LIBLINEAR's doubles (tested to 1e-5).
        float[] sums = new float[weightsPerFeature];
        int[] ids = vector.ids();
        double[] values = vector.values();
        for (int at = 0; at < ids.length; at++) {
            float value = (float) values[at];
            int offset = ids[at] * weightsPerFeature;
            for (int c = 0; c < weightsPerFeature; c++) {
                sums[c] += value * sparseWeights[offset + c];
            }
        }
        float pieceScale = (float) vector.pieceScale();
        for (int row : vector.pieces()) {
            int offset = row * weightsPerFeature;
            for (int c = 0; c < weightsPerFeature; c++) {
                sums[c] += pieceScale * pieceScores[offset + c];
            }
        }
        double[] scores = new double[model.getNrClass()];
        for (int c = 0; c < weightsPerFeature; c++) {
            scores[c] = biasWeights[c] + sums[c];
        }
        if (weightsPerFeature == 1 && scores.length == 2) {
            // LIBLINEAR keeps one decision value for two classes.
            scores[1] = -scores[0];
        }
        return scores;
    }

    /** The decision values as LIBLINEAR computes them over the training's features (to test the shortcut). */
    double[] decisionValuesByLiblinear(String[] words) {
        double[] scores = new double[model.getNrClass()];
        Linear.predictValues(model, withBias(features.vector(words), model.getNrFeature() + 1), scores);
        return scores;
    }

    private static Feature[] withBias(Feature[] vector, int biasIndex) {
        Feature[] withBias = Arrays.copyOf(vector, vector.length + 1);
        withBias[vector.length] = new FeatureNode(biasIndex, 1.0);
        return withBias;
    }

    public byte[] serialize() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(FORMAT);
            out.writeDouble(temperature);
            out.writeInt(intents.length);
            for (String intent : intents) {
                out.writeUTF(intent);
            }
            features.write(out);
            ByteArrayOutputStream modelText = new ByteArrayOutputStream();
            try (OutputStreamWriter writer = new OutputStreamWriter(modelText, StandardCharsets.UTF_8)) {
                model.save(writer);
            }
            out.writeInt(modelText.size());
            out.write(modelText.toByteArray());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LinearIntentClassifier load(byte[] serialized) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            if (in.readInt() != FORMAT) {
                throw new IOException("unknown model format");
            }
            double temperature = in.readDouble();
            String[] intents = new String[in.readInt()];
            for (int i = 0; i < intents.length; i++) {
                intents[i] = in.readUTF();
            }
            TextFeatures features = TextFeatures.read(in);
            byte[] modelText = new byte[in.readInt()];
            in.readFully(modelText);
            Model model = Linear.loadModel(new InputStreamReader(new ByteArrayInputStream(modelText), StandardCharsets.UTF_8));
            if (model.getNrFeature() != features.size()) {
                throw new IOException("the model has " + model.getNrFeature() + " features, its featuriser " + features.size());
            }
            return new LinearIntentClassifier(features, model, intents, temperature);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable intent model", e);
        }
    }
}
