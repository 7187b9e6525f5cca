package org.signpost.nlu.intent;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns words into a sparse TF-IDF vector of word unigrams, word bigrams and character n-grams
 * (within words, padded with word boundaries, so a misspelt word shares most features with the
 * right one). Term frequencies are sublinear ({@code 1 + ln tf}); the vector is L2-normalised.
 * The vocabulary and IDF weights are learnt from training texts; unseen features are ignored.
 * Immutable and thread-safe once built.
 */
public final class TextFeatures {

    /** Which n-grams to use. */
    public record Shape(boolean bigrams, int charMin, int charMax) {
        public Shape {
            if (charMin > charMax || (charMin > 0 && charMin < 1)) {
                throw new IllegalArgumentException("character n-gram range " + charMin + ".." + charMax);
            }
        }
    }

    private final Shape shape;
    private final Map<String, Integer> index;
    private final double[] idf;

    private TextFeatures(Shape shape, Map<String, Integer> index, double[] idf) {
        this.shape = shape;
        this.index = index;
        this.idf = idf;
    }

    /** Learns the vocabulary and IDF weights from tokenised training texts. */
    public static TextFeatures learn(Shape shape, List<String[]> documents) {
        Map<String, Integer> index = new HashMap<>();
        List<Integer> documentFrequency = new ArrayList<>();
        for (String[] words : documents) {
            for (String feature : distinct(shape, words)) {
                Integer id = index.get(feature);
                if (id == null) {
                    index.put(feature, documentFrequency.size());
                    documentFrequency.add(1);
                } else {
                    documentFrequency.set(id, documentFrequency.get(id) + 1);
                }
            }
        }
        double[] idf = new double[documentFrequency.size()];
        int n = documents.size();
        for (int i = 0; i < idf.length; i++) {
            idf[i] = Math.log((n + 1.0) / (documentFrequency.get(i) + 1.0)) + 1.0;
        }
        return new TextFeatures(shape, Map.copyOf(index), idf);
    }

    public int size() {
        return idf.length;
    }

    /** The document's vector as liblinear features (one-based, ascending indexes). */
    public Feature[] vector(String[] words) {
        Map<Integer, Integer> counts = new HashMap<>();
        forEachFeature(shape, words, feature -> {
            Integer id = index.get(feature);
            if (id != null) {
                counts.merge(id, 1, Integer::sum);
            }
        });
        int[] ids = counts.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        double[] values = new double[ids.length];
        double norm = 0;
        for (int i = 0; i < ids.length; i++) {
            values[i] = (1 + Math.log(counts.get(ids[i]))) * idf[ids[i]];
            norm += values[i] * values[i];
        }
        norm = Math.sqrt(norm);
        Feature[] vector = new Feature[ids.length];
        for (int i = 0; i < ids.length; i++) {
            vector[i] = new FeatureNode(ids[i] + 1, values[i] / norm);
        }
        return vector;
    }

    private static List<String> distinct(Shape shape, String[] words) {
        java.util.Set<String> features = new java.util.HashSet<>();
        forEachFeature(shape, words, features::add);
        return new ArrayList<>(features);
    }

    private static void forEachFeature(Shape shape, String[] words, java.util.function.Consumer<String> sink) {
        for (int i = 0; i < words.length; i++) {
            sink.accept("w|" + words[i]);
            if (shape.bigrams() && i + 1 < words.length) {
                sink.accept("b|" + words[i] + " " + words[i + 1]);
            }
            if (shape.charMax() > 0) {
                String padded = "^" + words[i] + "$";
                for (int n = shape.charMin(); n <= shape.charMax(); n++) {
                    for (int start = 0; start + n <= padded.length(); start++) {
                        sink.accept("c|" + padded.substring(start, start + n));
                    }
                }
            }
        }
    }

    void write(DataOutputStream out) throws IOException {
        out.writeBoolean(shape.bigrams());
        out.writeInt(shape.charMin());
        out.writeInt(shape.charMax());
        String[] names = new String[idf.length];
        index.forEach((name, id) -> names[id] = name);
        out.writeInt(names.length);
        for (int i = 0; i < names.length; i++) {
            out.writeUTF(names[i]);
            out.writeDouble(idf[i]);
        }
    }

    static TextFeatures read(DataInputStream in) throws IOException {
        Shape shape = new Shape(in.readBoolean(), in.readInt(), in.readInt());
        int size = in.readInt();
        Map<String, Integer> index = new HashMap<>(size * 2);
        double[] idf = new double[size];
        for (int i = 0; i < size; i++) {
            index.put(in.readUTF(), i);
            idf[i] = in.readDouble();
        }
        return new TextFeatures(shape, Map.copyOf(index), idf);
    }

    @Override
    public String toString() {
        return "TextFeatures" + Arrays.asList(shape, idf.length);
    }
}
