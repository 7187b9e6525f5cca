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
        return train(EXAMPLES, SolverType.MCSVM_CS, vectorWeight);
    }

    private static LinearIntentClassifier train(List<Map.Entry<String, String[]>> examples, SolverType solver,
            double vectorWeight) {
        return LinearIntentClassifier.train(examples, new LinearIntentClassifier.Settings(
                new TextFeatures.Shape(true, 1, 4, true, vectorWeight), solver, 4.0, 5.0));
    }

    @Test
    void wordVectorsCarryWordsTheExamplesNeverUsed() {
        LinearIntentClassifier withVectors = train(1.0);
        LinearIntentClassifier without = train(0);
        for (String unseen : List.of("physician", "dentist")) {
            assertThat(top(without, unseen)).as("without vectors: " + unseen).isEqualTo("food");
            assertThat(top(withVectors, unseen)).as("with vectors: " + unseen).isEqualTo("medical");
        }
        assertThat(top(withVectors, "pineapple")).isEqualTo("food");
        assertThat(top(withVectors, "sandwich")).isEqualTo("food");
    }

    @Test
    void predictionReadsTheDenseBlockAsTrainingWroteIt() {
        List<Map.Entry<String, String[]>> three = new ArrayList<>(EXAMPLES);
        for (String text : List.of("the bus is late", "train times", "a taxi please", "my car broke down")) {
            three.add(Map.entry("travel", text.split(" ")));
        }
        List<String[]> messages = List.of("a physician for my nan".split(" "), "東京".split(" "), new String[0],
                "zzzz qqqq".split(" "), "apple".split(" "));
        for (SolverType solver : List.of(SolverType.MCSVM_CS, SolverType.L2R_L2LOSS_SVC, SolverType.L2R_LR)) {
            for (List<Map.Entry<String, String[]>> examples : List.of(EXAMPLES, three)) {
                for (double vectorWeight : new double[] {0, 1.0}) {
                    predictsAsLiblinear(train(examples, solver, vectorWeight), solver, vectorWeight, messages);
                }
            }
        }
    }

    private static void predictsAsLiblinear(LinearIntentClassifier classifier, SolverType solver, double vectorWeight,
            List<String[]> messages) {
        LinearIntentClassifier reloaded = LinearIntentClassifier.load(classifier.serialize());
        for (String[] words : messages) {
            String what = solver + ", " + classifier.intents().size() + " classes, vector weight " + vectorWeight
                    + ", " + String.join(" ", words);
            assertThat(reloaded.decisionValues(words)).as(what)
                    .containsExactly(classifier.decisionValues(words), within(1e-12));
            double[] byLiblinear = classifier.decisionValuesByLiblinear(words);
            double[] shortcut = classifier.decisionValues(words);
            // LIBLINEAR keeps one value for two classes (but Crammer-Singer's): compare that one.
            int compared = byLiblinear.length == 2 && solver != SolverType.MCSVM_CS ? 1 : byLiblinear.length;
            for (int c = 0; c < compared; c++) {
                assertThat(shortcut[c]).as(what).isCloseTo(byLiblinear[c], within(1e-5));
            }
        }
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
