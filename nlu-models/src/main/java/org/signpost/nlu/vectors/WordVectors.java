package org.signpost.nlu.vectors;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.signpost.nlu.hashing.Fnv;
import org.signpost.nlu.hashing.HashIndex;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Static vectors for BERT word pieces, distilled from a sentence encoder: what the intent
 * classifier knows about words its training data never used ("physician" near "doctor"). Each
 * piece's vector has unit length (to within a byte's rounding); a message's is the sum of its pieces'. Words are cut into pieces
 * as BERT's WordPiece does: the whole word if the vocabulary has it, otherwise the longest known
 * prefix, then the longest known {@code ##}-continuations; a word that cannot be cut contributes
 * nothing. Values are kept as bytes with a scale per piece. Pieces are found by a 64-bit hash of
 * their text, so cutting a word allocates no strings (as {@code TextFeatures} does for its
 * features). Immutable and thread-safe.
 *
 * <p>The bundled vectors ({@link #bundled()}) come from {@code ./scripts/nlu word-vectors}; see
 * the NOTICE beside them for their source and licence.
 */
public final class WordVectors {

    private static final int MAGIC = 0x53505756; // "SPWV"
    private static final int FORMAT = 1;
    private static final String BUNDLED = "word-vectors.bin.gz";
    /** The hash of "##", which every continuation piece starts with. */
    private static final long CONTINUATION = Fnv.hash(Fnv.hash(Fnv.OFFSET, '#'), '#');
    private static final int[] NONE = {};
    private static final Pattern ACCENTS = Pattern.compile("\\p{Mn}+");
    /** Limits on what a file may ask to be allocated (the bundled one: 27,598 pieces of 256). */
    private static final int MAX_PIECES = 1_000_000;
    private static final int MAX_DIMENSIONS = 4096;

    private final String source;
    private final int dimensions;
    private final String[] pieces;
    private final byte[] values;
    private final float[] scales;
    /** A piece's hash to its row. */
    private final HashIndex index;
    private final int longestPiece;
    private final long fingerprint;

    private WordVectors(String source, int dimensions, String[] pieces, byte[] values, float[] scales) {
        this.source = source;
        this.dimensions = dimensions;
        this.pieces = pieces;
        this.values = values;
        this.scales = scales;
        this.index = new HashIndex(pieces.length);
        int longest = 0;
        for (int row = 0; row < pieces.length; row++) {
            if (index.getOrAdd(Fnv.hash(Fnv.OFFSET, pieces[row], 0, pieces[row].length())) != row) {
                throw new IllegalArgumentException("piece " + pieces[row] + " is there twice (or shares a hash)");
            }
            longest = Math.max(longest, pieces[row].length());
        }
        this.longestPiece = longest;
        CRC32 crc = new CRC32();
        crc.update(values);
        for (int row = 0; row < pieces.length; row++) {
            crc.update(pieces[row].getBytes(StandardCharsets.UTF_8));
            int bits = Float.floatToIntBits(scales[row]);
            crc.update(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
        }
        this.fingerprint = crc.getValue() ^ ((long) pieces.length << 32) ^ ((long) dimensions << 52);
    }

    /** The vectors shipped with Signpost, read once. */
    public static WordVectors bundled() {
        return Bundled.VECTORS;
    }

    /** Scales {@code vectors} (one per piece, all of one length) to unit length and quantises them to a byte per value. */
    public static WordVectors quantised(String source, List<String> pieces, float[][] vectors) {
        if (pieces.size() != vectors.length || vectors.length == 0) {
            throw new IllegalArgumentException(pieces.size() + " pieces for " + vectors.length + " vectors");
        }
        int dimensions = vectors[0].length;
        byte[] values = new byte[pieces.size() * dimensions];
        float[] scales = new float[pieces.size()];
        for (int row = 0; row < vectors.length; row++) {
            if (vectors[row].length != dimensions) {
                throw new IllegalArgumentException("piece " + pieces.get(row) + " has " + vectors[row].length + " values");
            }
            double norm = 0;
            float max = 0;
            for (float value : vectors[row]) {
                norm += value * value;
                max = Math.max(max, Math.abs(value));
            }
            if (max == 0) {
                continue;
            }
            float step = max / 127;
            for (int d = 0; d < dimensions; d++) {
                values[row * dimensions + d] = (byte) Math.round(vectors[row][d] / step);
            }
            scales[row] = (float) (step / Math.sqrt(norm));
        }
        return new WordVectors(source, dimensions, pieces.toArray(String[]::new), values, scales);
    }

    public int dimensions() {
        return dimensions;
    }

    public int pieces() {
        return scales.length;
    }

    /**
     * A checksum of the pieces and their values: a model records the vectors it was trained
     * with, and is not read with others.
     */
    public long fingerprint() {
        return fingerprint;
    }

    /** Where the vectors come from, as the generator recorded it. */
    public String source() {
        return source;
    }

    /** The sum of the vectors of the pieces at {@code rows} (from {@link #rows}). */
    public float[] sum(int[] rows) {
        float[] sum = new float[dimensions];
        for (int row : rows) {
            float scale = scales[row];
            int offset = row * dimensions;
            for (int d = 0; d < dimensions; d++) {
                sum[d] += values[offset + d] * scale;
            }
        }
        return sum;
    }

    /** A vector's (Euclidean) length. */
    public static double length(float[] vector) {
        double squares = 0;
        for (float value : vector) {
            squares += value * value;
        }
        return Math.sqrt(squares);
    }

    /** The rows of the words' pieces, in order: what {@link #pieceScores} is indexed by. */
    public int[] rows(String[] words) {
        int[] found = new int[words.length + 4];
        int count = 0;
        for (String word : words) {
            int whole = index.get(Fnv.hash(Fnv.OFFSET, word, 0, word.length()));
            if (whole >= 0) {
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = whole;
            } else {
                int[] cut = piecesOf(word);
                if (count + cut.length > found.length) {
                    found = Arrays.copyOf(found, (count + cut.length) * 2);
                }
                System.arraycopy(cut, 0, found, count, cut.length);
                count += cut.length;
            }
        }
        return count == found.length ? found : Arrays.copyOf(found, count);
    }

    /**
     * Each piece's vector times {@code weights} ({@code [d * outputs + k]}, a linear model's
     * weights of these dimensions): {@code [row * outputs + k]}. A model over a multiple of the
     * sum of a message's vectors then scores it by that multiple of the sum of its pieces' rows.
     */
    public float[] pieceScores(float[] weights, int outputs) {
        if (weights.length != dimensions * outputs) {
            throw new IllegalArgumentException(weights.length + " weights for " + dimensions + " dimensions x " + outputs);
        }
        float[] scores = new float[scales.length * outputs];
        double[] sums = new double[outputs];
        for (int row = 0; row < scales.length; row++) {
            Arrays.fill(sums, 0);
            int offset = row * dimensions;
            for (int d = 0; d < dimensions; d++) {
                double value = values[offset + d] * scales[row];
                for (int k = 0; k < outputs; k++) {
                    sums[k] += value * weights[d * outputs + k];
                }
            }
            for (int k = 0; k < outputs; k++) {
                scores[row * outputs + k] = (float) sums[k];
            }
        }
        return scores;
    }

    /** The vector of one piece as stored (after quantisation), or null if it has none. */
    public float[] vector(String piece) {
        int row = index.get(Fnv.hash(Fnv.OFFSET, piece, 0, piece.length()));
        if (row < 0) {
            return null;
        }
        float[] vector = new float[dimensions];
        for (int d = 0; d < dimensions; d++) {
            vector[d] = values[row * dimensions + d] * scales[row];
        }
        return vector;
    }

    /**
     * The rows of the pieces of a word the vocabulary lacks as a whole, as WordPiece cuts it
     * (longest known prefix, then longest known continuations); none if it cannot be cut.
     */
    private int[] piecesOf(String word) {
        boolean ascii = true;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                return NONE; // every piece is letters and digits
            }
            ascii &= c < 0x80;
        }
        if (!ascii) {
            // As BERT's uncased tokenizer does: "café" is looked up as "cafe".
            word = ACCENTS.matcher(Normalizer.normalize(word, Normalizer.Form.NFD)).replaceAll("");
        }
        int[] cut = new int[word.length()];
        int count = 0;
        int start = 0;
        while (start < word.length()) {
            // Hash the candidates shortest first (each one step from the last); keep the longest known.
            long h = start == 0 ? Fnv.OFFSET : CONTINUATION;
            int limit = Math.min(word.length(), start + longestPiece);
            int best = -1;
            int bestEnd = start;
            for (int end = start; end < limit; end++) {
                h = Fnv.hash(h, word.charAt(end));
                int row = index.get(h);
                if (row >= 0) {
                    best = row;
                    bestEnd = end + 1;
                }
            }
            if (best < 0) {
                return NONE;
            }
            cut[count++] = best;
            start = bestEnd;
        }
        return Arrays.copyOf(cut, count);
    }

    public void write(OutputStream target) throws IOException {
        GZIPOutputStream zipped = new GZIPOutputStream(target, 1 << 16);
        DataOutputStream out = new DataOutputStream(zipped);
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeUTF(source);
        out.writeInt(scales.length);
        out.writeInt(dimensions);
        for (int row = 0; row < pieces.length; row++) {
            out.writeUTF(pieces[row]);
            out.writeFloat(scales[row]);
            out.write(values, row * dimensions, dimensions);
        }
        out.flush();
        zipped.finish();
    }

    public static WordVectors read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(source, 1 << 16)));
        if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
            throw new IOException("not a word vector file of format " + FORMAT);
        }
        String description = in.readUTF();
        int count = in.readInt();
        int dimensions = in.readInt();
        if (count < 1 || count > MAX_PIECES || dimensions < 1 || dimensions > MAX_DIMENSIONS
                || (long) count * dimensions > Integer.MAX_VALUE) {
            throw new IOException("word vector file with " + count + " pieces of " + dimensions + " values");
        }
        String[] pieces = new String[count];
        byte[] values = new byte[count * dimensions];
        float[] scales = new float[count];
        for (int row = 0; row < count; row++) {
            pieces[row] = in.readUTF();
            scales[row] = in.readFloat();
            if (!(scales[row] >= 0 && scales[row] < Float.POSITIVE_INFINITY)) {
                throw new IOException("piece " + pieces[row] + " has the scale " + scales[row]);
            }
            in.readFully(values, row * dimensions, dimensions);
        }
        try {
            return new WordVectors(description, dimensions, pieces, values, scales);
        } catch (IllegalArgumentException e) {
            throw new IOException("unusable word vector file: " + e.getMessage(), e);
        }
    }

    /** Reads the bundled file on first use only: a model without vectors never pays for them. */
    private static final class Bundled {
        static final WordVectors VECTORS = load();

        private static WordVectors load() {
            try (InputStream in = Objects.requireNonNull(WordVectors.class.getResourceAsStream(BUNDLED),
                    "the bundled word vectors are missing (" + BUNDLED + ")")) {
                return read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled word vectors", e);
            }
        }
    }
}
