package org.signpost.nlu.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.signpost.nlu.IntentScore;

class LinearIntentClassifierTest {

    private static final List<Map.Entry<String, String[]>> EXAMPLES = examples();

    private static List<Map.Entry<String, String[]>> examples() {
        List<Map.Entry<String, String[]>> examples = new ArrayList<>();
        for (String text : List.of("i need a doctor", "can i see a nurse", "book the gp", "see a medic")) {
            examples.add(Map.entry("medical", text.split(" ")));
        }
        for (String text : List.of("i want a banana", "can i have an apple", "buy some bread", "get cheese")) {
            examples.add(Map.entry("food", text.split(" ")));
        }
        return examples;
    }

    private static LinearIntentClassifier train(double vectorWeight) {
        return LinearIntentClassifier.train(EXAMPLES, new LinearIntentClassifier.Settings(
                new TextFeatures.Shape(true, 1, 4, true, vectorWeight), SolverType.MCSVM_CS, 4.0, 5.0));
    }

    @Test
    void wordVectorsCarryWordsTheExamplesNeverUsed() {
        LinearIntentClassifier withVectors = train(1.0);
        assertThat(top(withVectors, "physician")).isEqualTo("medical");
        assertThat(top(withVectors, "pineapple")).isEqualTo("food");
        assertThat(top(withVectors, "dentist")).isEqualTo("medical");
        assertThat(top(withVectors, "sandwich")).isEqualTo("food");
    }

    @Test
    void predictionReadsTheDenseBlockAsTrainingWroteIt() {
        LinearIntentClassifier classifier = train(1.0);
        LinearIntentClassifier reloaded = LinearIntentClassifier.load(classifier.serialize());
        String[] words = "a physician for my nan".split(" ");
        assertThat(reloaded.decisionValues(words)).containsExactly(classifier.decisionValues(words), within(1e-12));
        assertThat(classifier.decisionValues(words))
                .containsExactly(classifier.decisionValuesByLiblinear(words), within(1e-5));
    }

    @Test
    void withoutVectorsTheSparseFeaturesAlone() {
        LinearIntentClassifier plain = train(0);
        assertThat(top(plain, "i need a doctor")).isEqualTo("medical");
        assertThat(LinearIntentClassifier.load(plain.serialize()).decisionValues("buy bread".split(" ")))
                .containsExactly(plain.decisionValues("buy bread".split(" ")), within(1e-12));
    }

    private static String top(LinearIntentClassifier classifier, String text) {
        List<IntentScore> ranking = classifier.rank(text.split(" "));
        return ranking.get(0).name();
    }
}
