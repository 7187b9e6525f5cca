package org.signpost.nlu.intent;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.signpost.nlu.hashing.Fnv;
import org.signpost.nlu.hashing.HashIndex;
import org.signpost.nlu.vectors.WordVectors;

/**
 * Turns words into a sparse TF-IDF vector of word unigrams, word bigrams and character n-grams
 * (within words, padded with word boundaries, so a misspelt word shares most features with the
 * right one). Term frequencies are sublinear ({@code 1 + ln tf}); the vector is L2-normalised.
 * The vocabulary and IDF weights are learnt from training texts; unseen features are ignored.
 * Optionally a dense block follows: the direction of the message's {@link WordVectors}, which
 * bring what the training data cannot, words it never used.
 *
 * <p>Features are identified by a 64-bit hash of their text rather than the text itself, so
 * featurising a message allocates no strings: this is the hot path of every parse. With a few
 * hundred thousand features, a collision is vanishingly unlikely and would only merge two
 * features. Immutable and thread-safe once built.
 */
public final class TextFeatures {

    /**
     * Which n-grams to use.
     *
     * @param bigrams word pairs, including a sentence's first and last word paired with its edge
     * @param charMin shortest character n-gram (0 with {@code charMax} 0 for none)
     * @param charMax longest character n-gram
     * @param blockNormalised L2-normalise the word features and the character features separately
     *     before normalising the whole, so that the many character n-grams do not drown the words
     * @param vectorWeight the length of the word-vector block beside the other blocks' length 1
     *     before the whole is normalised (0 for no word vectors; needs {@code blockNormalised})
     */
    public record Shape(boolean bigrams, int charMin, int charMax, boolean blockNormalised, double vectorWeight) {
        public Shape {
            if (charMax > 0 && (charMin < 1 || charMin > charMax)) {
                throw new IllegalArgumentException("character n-gram range " + charMin + ".." + charMax);
            }
            if (!(vectorWeight >= 0 && vectorWeight <= 100)) {
                throw new IllegalArgumentException("word vector weight " + vectorWeight);
            }
            if (vectorWeight > 0 && !blockNormalised) {
                throw new IllegalArgumentException("a word-vector block needs block-normalised features");
            }
        }

        public Shape withVectorWeight(double weight) {
            return new Shape(bigrams, charMin, charMax, blockNormalised, weight);
        }
    }

    private static final int[] NO_PIECES = {};
    private static final float[] NO_SUM = {};
    private static final double[] TERM_WEIGHTS = IntStream.range(0, 64).mapToDouble(n -> 1 + Math.log(n)).toArray();

    private final Shape shape;
    private final HashIndex index;
    private final double[] idf;
    private final boolean[] character;
    /** The word vectors of the dense block, or null without one. */
    private final WordVectors vectors;

    private TextFeatures(Shape shape, HashIndex index, double[] idf, boolean[] character) {
        this.shape = shape;
        this.index = index;
        this.idf = idf;
        this.character = character;
        this.vectors = shape.vectorWeight() > 0 ? WordVectors.bundled() : null;
    }

    /** Learns the vocabulary and IDF weights from tokenised training texts. */
    public static TextFeatures learn(Shape shape, List<String[]> documents) {
        HashIndex index = new HashIndex(1 << 16);
        int[] documentFrequency = new int[1024];
        long[] buffer = new long[256];
        for (String[] words : documents) {
            // hashes() counts every feature but stores only what fits: hash again only if it grew.
            int count = hashes(shape, words, buffer);
            if (count > buffer.length) {
                buffer = grown(buffer, count);
                count = hashes(shape, words, buffer);
            }
            long[] distinct = Arrays.stream(buffer, 0, count).distinct().toArray();
            for (long hash : distinct) {
                int id = index.getOrAdd(hash);
                if (id >= documentFrequency.length) {
                    documentFrequency = Arrays.copyOf(documentFrequency, documentFrequency.length * 2);
                }
                documentFrequency[id]++;
            }
        }
        index.compact();
        double[] idf = new double[index.size()];
        int n = documents.size();
        for (int i = 0; i < idf.length; i++) {
            idf[i] = Math.log((n + 1.0) / (documentFrequency[i] + 1.0)) + 1.0;
        }
        return new TextFeatures(shape, index, idf, characterFlags(index.keysById()));
    }

    public int size() {
        return idf.length + (vectors == null ? 0 : vectors.dimensions());
    }

    /**
     * The document's vector as liblinear features (one-based, ascending indexes): the sparse
     * features, then the dense block's values as features {@code denseOffset() + 1...}. For
     * training; a parse reads {@link #featurise} directly.
     */
    public Feature[] vector(String[] words) {
        Features features = featurise(words);
        int[] order = IntStream.range(0, features.ids().length).boxed()
                .sorted(Comparator.comparingInt(at -> features.ids()[at]))
                .mapToInt(Integer::intValue).toArray();
        float[] sum = features.pieceSum();
        Feature[] all = new Feature[order.length + sum.length];
        for (int at = 0; at < order.length; at++) {
            all[at] = new FeatureNode(features.ids()[order[at]] + 1, features.values()[order[at]]);
        }
        for (int d = 0; d < sum.length; d++) {
            all[order.length + d] = new FeatureNode(idf.length + d + 1, sum[d] * features.pieceScale());
        }
        return all;
    }

    /**
     * A document's features, the word-vector block apart: the known sparse features' zero-based
     * ids and values (side by side, in no particular order), and the rows of the words' pieces in
     * {@link #vectors()} with the factor that turns the sum of their vectors into the block's
     * values. A linear model reads the block as that factor times the sum of each piece's own
     * scores (prediction does), so a parse adds scores instead of multiplying 256 values by every
     * class's weights; it only sums the vectors for the factor. That sum is kept too (empty
     * without pieces): training writes the block as it, times the factor.
     */
    public record Features(int[] ids, double[] values, int[] pieces, double pieceScale, float[] pieceSum) {
    }

    /** The zero-based feature index after which the dense block's features come. */
    public int denseOffset() {
        return idf.length;
    }

    /** The word vectors of the dense block, or null without one. */
    public WordVectors vectors() {
        return vectors;
    }

    /**
     * The document's features. The word-vector block is the direction of the sum of the words'
     * piece vectors, of length the shape's weight; the whole (sparse and dense) has length 1.
     */
    public Features featurise(String[] words) {
        int[] pieces = NO_PIECES;
        float[] pieceSum = NO_SUM;
        if (vectors != null) {
            pieces = vectors.rows(words);
            pieceSum = pieces.length == 0 ? NO_SUM : vectors.sum(pieces);
        }
        double sumLength = WordVectors.length(pieceSum);
        Scratch scratch = SCRATCH.get();
        long[] buffer = scratch.hashes(words.length * 24);
        int count = hashes(shape, words, buffer);
        if (count > buffer.length) {
            buffer = scratch.hashes(count);
            count = hashes(shape, words, buffer);
        }
        // Term frequencies in a small open-addressed table by feature id (id + 1; 0 is empty): a
        // parse has a few hundred features, of which only the distinct known ones are kept, each
        // with the slot that counts it. The table is this thread's, emptied after use.
        scratch.fit(count);
        int mask = scratch.slotIds.length - 1;
        int[] slotIds = scratch.slotIds;
        int[] slotCounts = scratch.slotCounts;
        int[] ids = scratch.ids;
        int[] slots = scratch.slots;
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            int id = index.get(buffer[i]);
            if (id < 0) {
                continue;
            }
            int slot = slotOf(id, mask);
            while (slotIds[slot] != 0 && slotIds[slot] != id + 1) {
                slot = (slot + 1) & mask;
            }
            if (slotIds[slot] == 0) {
                slotIds[slot] = id + 1;
                slots[distinct] = slot;
                ids[distinct++] = id;
            }
            slotCounts[slot]++;
        }
        // Known features in the order first seen: a linear model's sum does not need them sorted.
        int[] known = Arrays.copyOf(ids, distinct);
        double[] values = new double[distinct];
        double wordNorm = 0;
        double charNorm = 0;
        for (int at = 0; at < distinct; at++) {
            int id = known[at];
            int slot = slots[at];
            double value = termWeight(slotCounts[slot]) * idf[id];
            slotIds[slot] = 0;
            slotCounts[slot] = 0;
            if (character[id]) {
                charNorm += value * value;
            } else {
                wordNorm += value * value;
            }
            values[at] = value;
        }
        if (shape.blockNormalised()) {
            double wordScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0;
            double charScale = charNorm > 0 ? 1 / Math.sqrt(charNorm) : 0;
            for (int at = 0; at < distinct; at++) {
                values[at] *= character[known[at]] ? charScale : wordScale;
            }
            // Each block now has length 1 (or 0): the whole has length sqrt(number of blocks present).
            wordNorm = wordNorm > 0 ? 1 : 0;
            charNorm = charNorm > 0 ? 1 : 0;
        }
        double norm = wordNorm + charNorm;
        double weight = shape.vectorWeight();
        if (sumLength > 0) {
            norm += weight * weight;
        }
        if (norm == 0) {
            return new Features(known, values, NO_PIECES, 0, NO_SUM);
        }
        double scale = 1 / Math.sqrt(norm);
        for (int at = 0; at < distinct; at++) {
            values[at] *= scale;
        }
        return sumLength > 0 ? new Features(known, values, pieces, weight * scale / sumLength, pieceSum)
                : new Features(known, values, NO_PIECES, 0, NO_SUM);
    }

    /**
     * A thread's working arrays for {@link #featurise}: allocating them for every parse was a
     * tenth of what a turn allocated (an allocation profile), and each allocation is collected.
     * The counting table is left empty after each use.
     */
    private static final class Scratch {
        private long[] hashes = new long[256];
        private int[] slotIds = new int[512];
        private int[] slotCounts = new int[512];
        private int[] ids = new int[256];
        private int[] slots = new int[256];

        long[] hashes(int needed) {
            if (hashes.length < needed) {
                hashes = new long[Integer.highestOneBit(needed - 1) << 1];
            }
            return hashes;
        }

        /** Room for {@code features} distinct features, in a table at most half full. */
        void fit(int features) {
            if (ids.length < features) {
                int size = Integer.highestOneBit(features - 1) << 1;
                ids = new int[size];
                slots = new int[size];
                slotIds = new int[size * 2];
                slotCounts = new int[size * 2];
            }
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Sublinear term frequency, {@code 1 + ln tf}: looked up for the small counts nearly every feature has. */
    private static double termWeight(int count) {
        return count < TERM_WEIGHTS.length ? TERM_WEIGHTS[count] : 1 + Math.log(count);
    }

    /** Where a feature id starts probing in a table of {@code mask + 1} slots (Fibonacci hashing). */
    private static int slotOf(int id, int mask) {
        return (id * 0x9E3779B9 >>> 7) & mask;
    }

    /** Character features carry an odd hash, word features an even one, so blocks survive hashing. */
    private static boolean[] characterFlags(long[] keys) {
        boolean[] flags = new boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            flags[i] = (keys[i] & 1) == 1;
        }
        return flags;
    }

    /** Writes the hash of every feature of {@code words} into {@code out}; returns how many there are. */
    private static int hashes(Shape shape, String[] words, long[] out) {
        int count = 0;
        if (shape.bigrams() && words.length > 0) {
            // The first and last words paired with the sentence edges ("<s> hi", "bye </s>").
            count = put(out, count, word(Fnv.hash(Fnv.hash(Fnv.hash(Fnv.OFFSET, 'b'), '\u0002'), ' '), words[0]));
            count = put(out, count, word(Fnv.hash(Fnv.hash(Fnv.hash(Fnv.OFFSET, 'b'), words[words.length - 1], 0,
                    words[words.length - 1].length()), ' '), "\u0003"));
        }
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            count = put(out, count, word(Fnv.hash(Fnv.OFFSET, 'w'), word));
            if (shape.bigrams() && i + 1 < words.length) {
                long h = Fnv.hash(Fnv.hash(Fnv.OFFSET, 'b'), word, 0, word.length());
                h = Fnv.hash(h, ' ');
                count = put(out, count, word(h, words[i + 1]));
            }
            if (shape.charMax() > 0) {
                // Characters of "^word$" without building the string: position 0 is '^', the last is '$'.
                // The n-grams starting at one place share their prefixes, so each is one step
                // from the one before (the hash is sequential). Only the order they come in differs
                // from n-gram length first: learn() numbers features in that order, and vector()
                // counts and sorts them, so a model is the same up to its features' numbering.
                int padded = word.length() + 2;
                for (int start = 0; start + shape.charMin() <= padded; start++) {
                    long h = Fnv.hash(Fnv.OFFSET, 'c');
                    int end = Math.min(padded, start + shape.charMax());
                    for (int k = start; k < end; k++) {
                        char c = k == 0 ? '^' : k == padded - 1 ? '$' : word.charAt(k - 1);
                        h = Fnv.hash(h, c);
                        if (k - start + 1 >= shape.charMin()) {
                            count = put(out, count, h | 1);
                        }
                    }
                }
            }
        }
        return count;
    }

    /** A word-block feature: the hash of {@code text} after {@code h}, made even. */
    private static long word(long h, String text) {
        return Fnv.hash(h, text, 0, text.length()) & ~1L;
    }

    private static int put(long[] out, int count, long hash) {
        if (count < out.length) {
            out[count] = hash;
        }
        return count + 1;
    }

    private static long[] grown(long[] buffer, int needed) {
        return needed <= buffer.length ? buffer : new long[Math.max(needed, buffer.length * 2)];
    }

    void write(DataOutputStream out) throws IOException {
        out.writeBoolean(shape.bigrams());
        out.writeInt(shape.charMin());
        out.writeInt(shape.charMax());
        out.writeBoolean(shape.blockNormalised());
        out.writeDouble(shape.vectorWeight());
        out.writeLong(vectors == null ? 0 : vectors.fingerprint());
        long[] keys = index.keysById();
        out.writeInt(keys.length);
        for (int i = 0; i < keys.length; i++) {
            out.writeLong(keys[i]);
            out.writeDouble(idf[i]);
        }
    }

    static TextFeatures read(DataInputStream in) throws IOException {
        Shape shape = new Shape(in.readBoolean(), in.readInt(), in.readInt(), in.readBoolean(), in.readDouble());
        long fingerprint = in.readLong();
        if (shape.vectorWeight() > 0 && fingerprint != WordVectors.bundled().fingerprint()) {
            throw new IOException("the model was trained with other word vectors than the bundled ones");
        }
        int size = in.readInt();
        HashIndex index = new HashIndex(size);
        double[] idf = new double[size];
        for (int i = 0; i < size; i++) {
            index.getOrAdd(in.readLong());
            idf[i] = in.readDouble();
        }
        return new TextFeatures(shape, index, idf, characterFlags(index.keysById()));
    }
}
