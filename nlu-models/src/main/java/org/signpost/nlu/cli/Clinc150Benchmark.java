package org.signpost.nlu.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.signpost.nlu.IntentScore;
import org.signpost.nlu.NluSettings;
import org.signpost.nlu.Tokenizer;
import org.signpost.nlu.intent.LinearIntentClassifier;

/**
 * {@code scripts/nlu benchmark clinc150}: trains Signpost's intent classifier on CLINC150's
 * {@code train} split, tunes only on {@code val}, and reports in-scope accuracy on the 4,500
 * {@code test} utterances and out-of-scope recall on the 1,000 {@code oos_test} ones, in the two
 * set-ups of Larson et al. (Table 2): out-of-scope as a trained class (with {@code oos_train}),
 * and no such class with a confidence threshold. Prints a comparison with the published systems
 * and writes {@code clinc150.json} and a chart.
 */
final class Clinc150Benchmark {

    /** Published in-scope accuracy and out-of-scope recall (%), Larson et al. 2019, Table 2. */
    static final Map<String, double[]> PUBLISHED_CLASS = Map.of(
            "Rasa", new double[] {91.5, 45.3}, "Dialogflow", new double[] {91.7, 14.0},
            "SVM (bag of words)", new double[] {91.0, 14.5}, "BERT", new double[] {96.9, 40.3});
    static final Map<String, double[]> PUBLISHED_THRESHOLD = Map.of(
            "Rasa", new double[] {90.9, 31.2}, "Dialogflow", new double[] {90.8, 26.7});
    /** How much validation in-scope accuracy the threshold may give up for out-of-scope recall. */
    static final double ALLOWED_DROP = 0.005;

    private final PrintStream out;
    private final Tokenizer tokenizer = new Tokenizer();

    Clinc150Benchmark(PrintStream out) {
        this.out = out;
    }

    /** One set-up's outcome. */
    record Result(String setup, double inScopeAccuracy, double outOfScopeRecall, double threshold, double trainSeconds,
            double microsPerParse) {
    }

    int run(Path data, Path reports) {
        if (!Files.isRegularFile(data)) {
            out.println("nlu: no CLINC150 data at " + data);
            return 1;
        }
        out.println("Reading " + data);
        Clinc150 clinc = Clinc150.read(data);
        LinearIntentClassifier.Settings settings = NluSettings.DEFAULTS.linear();
        List<Result> results = new ArrayList<>();
        out.println("[1/2] out-of-scope as a trained class: training on train + oos_train...");
        results.add(evaluate("oos class", clinc, settings, true));
        report(results.get(0));
        out.println("[2/2] confidence threshold only: training on train...");
        results.add(evaluate("threshold", clinc, settings, false));
        report(results.get(1));
        write(reports, results);
        Result main = results.get(0);
        out.printf(Locale.ROOT, "clinc150: in-scope accuracy %.1f%%, out-of-scope recall %.1f%% (oos class); "
                        + "Rasa 91.5/45.3, Dialogflow 91.7/14.0; trained in %.1f s%n",
                100 * main.inScopeAccuracy(), 100 * main.outOfScopeRecall(), main.trainSeconds());
        return 0;
    }

    private Result evaluate(String setup, Clinc150 clinc, LinearIntentClassifier.Settings settings, boolean oosClass) {
        List<Map.Entry<String, String[]>> training = new ArrayList<>();
        clinc.split("train").forEach(example -> training.add(sample(example)));
        if (oosClass) {
            clinc.split("oos_train").forEach(example -> training.add(sample(example)));
        }
        long started = System.nanoTime();
        LinearIntentClassifier classifier = LinearIntentClassifier.train(training, settings);
        double trainSeconds = (System.nanoTime() - started) / 1e9;

        List<Scored> val = score(classifier, clinc.split("val"));
        List<Scored> oosVal = score(classifier, clinc.split("oos_val"));
        double threshold = tune(val, oosVal);

        long predictStarted = System.nanoTime();
        List<Scored> test = score(classifier, clinc.split("test"));
        List<Scored> oosTest = score(classifier, clinc.split("oos_test"));
        double micros = (System.nanoTime() - predictStarted) / 1e3 / (test.size() + oosTest.size());
        return new Result(setup, inScopeAccuracy(test, threshold), outOfScopeRecall(oosTest, threshold), threshold,
                trainSeconds, micros);
    }

    private Map.Entry<String, String[]> sample(Clinc150.Example example) {
        return Map.entry(example.intent(), tokenizer.words(example.text()));
    }

    /** A test utterance's gold intent with the classifier's best in-scope guess and its confidence. */
    private record Scored(String gold, String predicted, double confidence) {
    }

    private List<Scored> score(LinearIntentClassifier classifier, List<Clinc150.Example> examples) {
        List<Scored> scored = new ArrayList<>(examples.size());
        for (Clinc150.Example example : examples) {
            IntentScore top = classifier.rank(tokenizer.words(example.text())).get(0);
            scored.add(new Scored(example.intent(), top.name(), top.confidence()));
        }
        return scored;
    }

    private static String decide(Scored scored, double threshold) {
        return scored.predicted().equals(Clinc150.OUT_OF_SCOPE) || scored.confidence() < threshold
                ? Clinc150.OUT_OF_SCOPE : scored.predicted();
    }

    private static double inScopeAccuracy(List<Scored> inScope, double threshold) {
        return inScope.stream().filter(s -> decide(s, threshold).equals(s.gold())).count() / (double) inScope.size();
    }

    private static double outOfScopeRecall(List<Scored> outOfScope, double threshold) {
        return outOfScope.stream().filter(s -> decide(s, threshold).equals(Clinc150.OUT_OF_SCOPE)).count()
                / (double) outOfScope.size();
    }

    /**
     * The confidence threshold, chosen on validation data only: the one with the best
     * out-of-scope recall that costs at most {@link #ALLOWED_DROP} of in-scope accuracy.
     */
    private static double tune(List<Scored> val, List<Scored> oosVal) {
        double baseline = inScopeAccuracy(val, 0);
        double best = 0;
        double bestRecall = outOfScopeRecall(oosVal, 0);
        for (int step = 1; step <= 200; step++) {
            double threshold = step / 200.0;
            if (inScopeAccuracy(val, threshold) < baseline - ALLOWED_DROP) {
                break;
            }
            double recall = outOfScopeRecall(oosVal, threshold);
            if (recall > bestRecall) {
                bestRecall = recall;
                best = threshold;
            }
        }
        return best;
    }

    private void report(Result result) {
        out.printf(Locale.ROOT, "  %-10s in-scope accuracy %5.1f%%  out-of-scope recall %5.1f%%  threshold %.3f  "
                        + "training %.1f s  %.0f us per utterance%n",
                result.setup(), 100 * result.inScopeAccuracy(), 100 * result.outOfScopeRecall(), result.threshold(),
                result.trainSeconds(), result.microsPerParse());
    }

    private void write(Path directory, List<Result> results) {
        try {
            Files.createDirectories(directory);
            StringBuilder json = new StringBuilder("{\n  \"benchmark\": \"CLINC150 full (Larson et al. 2019)\",\n  \"results\": [\n");
            for (int i = 0; i < results.size(); i++) {
                Result r = results.get(i);
                json.append(String.format(Locale.ROOT,
                        "    {\"setup\": \"%s\", \"in_scope_accuracy\": %.4f, \"out_of_scope_recall\": %.4f, "
                                + "\"threshold\": %.4f, \"train_seconds\": %.2f, \"micros_per_utterance\": %.1f}%s%n",
                        r.setup(), r.inScopeAccuracy(), r.outOfScopeRecall(), r.threshold(), r.trainSeconds(),
                        r.microsPerParse(), i + 1 < results.size() ? "," : ""));
            }
            json.append("  ]\n}\n");
            Files.writeString(directory.resolve("clinc150.json"), json.toString());
            Files.writeString(directory.resolve("clinc150.svg"), BenchmarkChart.compare(results.get(0), PUBLISHED_CLASS,
                    results.get(1), PUBLISHED_THRESHOLD));
            out.println("Wrote clinc150.json and clinc150.svg to " + directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
