package org.signpost.nlu.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signpost.content.ContentFiles;
import org.signpost.nlu.NluModel;
import org.signpost.nlu.NluSettings;
import org.signpost.nlu.ParseResult;
import org.signpost.nlu.data.RasaYamlReader;
import org.signpost.nlu.data.TrainingData;
import org.signpost.nlu.data.TrainingExample;

/**
 * The model trained on the shipped data, measured on held-out wording it never trained on. Two
 * sets: {@code holdout.yml}, written with the first training data (some later training examples
 * were added after looking at its errors, so it flatters a little), and {@code holdout-2.yml},
 * written afterwards by someone who had not seen the training data. The floors sit a little
 * under what was measured, so a change that makes understanding worse fails here.
 */
class BundledModelTest {

    private static TrainingData training;
    private static TrainingData holdout;
    private static TrainingData independent;
    private static NluModel model;

    @BeforeAll
    static void train() {
        RasaYamlReader reader = new RasaYamlReader();
        training = reader.read(ContentFiles.fromDirectory(Path.of("data"), "data", ".yml"));
        holdout = reader.read(List.of(ContentFiles.fromDirectory(Path.of("test-data"), "test-data", ".yml").stream()
                .filter(file -> file.name().endsWith("/holdout.yml")).findFirst().orElseThrow()));
        independent = reader.read(List.of(ContentFiles.fromDirectory(Path.of("test-data"), "test-data", ".yml").stream()
                .filter(file -> file.name().endsWith("/holdout-2.yml")).findFirst().orElseThrow()));
        model = new NluTrainer(Optional.empty()).train(training, NluSettings.DEFAULTS);
    }

    @Test
    void knowsEveryIntentOfTheContract() {
        assertThat(model.intents()).containsExactlyInAnyOrder("greet", "goodbye", "thank_you", "affirm", "deny",
                "inform", "find_service", "service_info", "check_availability", "make_referral", "referral_status",
                "appointment", "prescription", "gp_registration", "vaccination", "carer_support", "urgent_help",
                "emergency", "mental_health_crisis", "safeguarding", "feedback", "complaint", "human_handoff",
                "bot_challenge", "help", "cancel", "out_of_scope");
        assertThat(holdout.intents()).isEqualTo(training.intents());
    }

    @Test
    void understandsHeldOutWording() {
        assertThat(accuracy(holdout)).isGreaterThanOrEqualTo(0.91);
    }

    @Test
    void understandsWordingWrittenWithoutSeeingTheTrainingData() {
        assertThat(independent.intents()).isEqualTo(training.intents());
        assertThat(accuracy(independent)).isGreaterThanOrEqualTo(0.95);
    }

    /** Measured when the floors were set: holdout.yml 0.932, holdout-2.yml 0.980. */
    private static double accuracy(TrainingData test) {
        int correct = 0;
        Map<String, Integer> misses = new TreeMap<>();
        for (TrainingExample example : test.examples()) {
            ParseResult result = model.parse(example.text());
            if (result.intent().name().equals(example.intent())) {
                correct++;
            } else {
                misses.merge(example.intent(), 1, Integer::sum);
            }
        }
        double accuracy = (double) correct / test.examples().size();
        System.out.printf("held-out accuracy %.3f; misses by intent: %s%n", accuracy, misses);
        return accuracy;
    }
}
