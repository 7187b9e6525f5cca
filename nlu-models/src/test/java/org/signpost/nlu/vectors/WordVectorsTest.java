package org.signpost.nlu.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class WordVectorsTest {

    private static final WordVectors BUNDLED = WordVectors.bundled();

    @Test
    void theBundledVectorsSayWhereTheyComeFrom() {
        assertThat(BUNDLED.dimensions()).isEqualTo(256);
        assertThat(BUNDLED.pieces()).isGreaterThan(25_000);
        assertThat(BUNDLED.source()).contains("all-MiniLM-L6-v2", "Apache-2.0");
    }

    @Test
    void wordsOfOneMeaningAreCloserThanUnrelatedOnes() {
        assertThat(similarity("doctor", "physician")).isGreaterThan(similarity("doctor", "banana") + 0.5);
        assertThat(similarity("suicide", "overdose")).isGreaterThan(similarity("suicide", "holiday") + 0.3);
        assertThat(similarity("hello", "hiya")).isGreaterThan(similarity("hello", "prescription") + 0.3);
    }

    @Test
    void aWordTheVocabularyLacksIsCutIntoPieces() {
        assertThat(BUNDLED.vector("physiotherapists")).isNull();
        assertThat(similarity("physiotherapists", "physiotherapy")).isGreaterThan(0.7);
    }

    @Test
    void wordsWithoutPiecesGiveNoVector() {
        assertThat(BUNDLED.rows(new String[] {"東京", "__locality__"})).isEmpty();
        assertThat(BUNDLED.rows(new String[0])).isEmpty();
        assertThat(WordVectors.length(BUNDLED.sum(new int[0]))).isZero();
    }

    @Test
    void eachPieceHasUnitLengthAndAMessageTheSumOfItsPieces() {
        float[] doctor = BUNDLED.vector("doctor");
        assertThat(length(doctor)).isCloseTo(1f, within(0.01f));
        float[] twice = BUNDLED.sum(BUNDLED.rows(new String[] {"doctor", "doctor"}));
        for (int d = 0; d < doctor.length; d++) {
            assertThat(twice[d]).isCloseTo(2 * doctor[d], within(1e-6f));
        }
        int[] rows = BUNDLED.rows(new String[] {"my", "mum", "keeps", "falling"});
        assertThat(rows).hasSize(4);
        assertThat(WordVectors.length(BUNDLED.sum(rows))).isBetween(1.0, 3.9);
    }

    @Test
    void pieceScoresAreEachPiecesVectorTimesTheWeights() {
        int outputs = 3;
        float[] weights = new float[BUNDLED.dimensions() * outputs];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) Math.sin(i);
        }
        float[] scores = BUNDLED.pieceScores(weights, outputs);
        int row = BUNDLED.rows(new String[] {"nurse"})[0];
        float[] vector = BUNDLED.vector("nurse");
        for (int k = 0; k < outputs; k++) {
            double expected = 0;
            for (int d = 0; d < vector.length; d++) {
                expected += vector[d] * weights[d * outputs + k];
            }
            assertThat(scores[row * outputs + k]).isCloseTo((float) expected, within(1e-4f));
        }
    }

    @Test
    void writtenVectorsReadBackWithinTheQuantisationStep() throws IOException {
        List<String> pieces = List.of("care", "##r", "home");
        float[][] values = {{0.5f, -1f, 0.25f}, {0f, 0f, 0f}, {2f, 1f, -0.03f}};
        WordVectors vectors = WordVectors.quantised("test", pieces, values);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        vectors.write(bytes);
        WordVectors read = WordVectors.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(read.source()).isEqualTo("test");
        assertThat(read.vector("##r")).containsOnly(0f);
        for (int i : new int[] {0, 2}) {
            float[] back = read.vector(pieces.get(i));
            float length = length(values[i]);
            for (int d = 0; d < 3; d++) {
                // Scaled to unit length, a byte per value: off by at most half a step (max / 127).
                float max = Math.max(Math.abs(values[i][0]), Math.max(Math.abs(values[i][1]), Math.abs(values[i][2])));
                assertThat(back[d]).isCloseTo(values[i][d] / length, within(max / length / 127 / 2 + 1e-6f));
            }
        }
        assertThat(read.rows(new String[] {"carer", "home"})).containsExactly(0, 1, 2);
        assertThat(read.rows(new String[] {"cares"})).as("no piece for the s").isEmpty();
    }

    @Test
    void aWordIsCutLongestKnownPieceFirst() {
        List<String> pieces = List.of("un", "unh", "##appy", "##happy", "##h", "##y", "cafe");
        float[][] values = new float[pieces.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = new float[] {i + 1, 1};
        }
        WordVectors vectors = WordVectors.quantised("test", pieces, values);
        // WordPiece takes the longest known prefix ("unh"), not the cut that would fit best.
        assertThat(vectors.rows(new String[] {"unhappy"})).containsExactly(1, 2);
        assertThat(vectors.rows(new String[] {"unhhy"})).containsExactly(1, 4, 5);
        assertThat(vectors.rows(new String[] {"unx"})).as("no piece for the x").isEmpty();
        assertThat(vectors.rows(new String[] {"café"})).as("accents stripped as BERT does").containsExactly(6);
    }

    @Test
    void aFileThatIsNotWordVectorsIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write("not vectors at all".getBytes());
        }
        assertThatThrownBy(() -> WordVectors.read(new ByteArrayInputStream(bytes.toByteArray())))
                .isInstanceOf(IOException.class);
        List<String> repeated = new ArrayList<>(List.of("a", "a"));
        assertThatThrownBy(() -> WordVectors.quantised("x", repeated, new float[][] {{1}, {2}}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Cosine similarity of the two texts' mean vectors. */
    private static double similarity(String a, String b) {
        float[] x = BUNDLED.sum(BUNDLED.rows(a.split(" ")));
        float[] y = BUNDLED.sum(BUNDLED.rows(b.split(" ")));
        assertThat(length(x)).isPositive();
        assertThat(length(y)).isPositive();
        double dot = 0;
        for (int d = 0; d < x.length; d++) {
            dot += x[d] * y[d];
        }
        return dot / length(x) / length(y);
    }

    private static float length(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += value * value;
        }
        return (float) Math.sqrt(sum);
    }
}
