package org.signpost.nlu.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.signpost.content.ContentException;
import org.signpost.content.ContentFile;
import org.signpost.content.ContentFiles;
import org.signpost.nlu.NluModel;
import org.signpost.nlu.NluSettings;
import org.signpost.nlu.data.RasaYamlReader;
import org.signpost.nlu.data.TrainingData;
import org.signpost.nlu.evaluation.CrossValidation;
import org.signpost.nlu.evaluation.EntityPrediction;
import org.signpost.nlu.evaluation.EntityReport;
import org.signpost.nlu.evaluation.Evaluator;
import org.signpost.nlu.evaluation.IntentReport;
import org.signpost.nlu.evaluation.ReportWriter;
import org.signpost.nlu.model.ModelCache;
import org.signpost.nlu.model.NluTrainer;

/**
 * {@code scripts/nlu}: evaluate the NLU as {@code rasa test nlu} does. Subcommands: {@code test},
 * {@code cross-validate}, {@code benchmark}. Exit status 0 on success, 1 on failure, 2 on a usage
 * error.
 */
public final class NluCommand {

    static final String USAGE = """
            Usage: scripts/nlu COMMAND [OPTIONS]

            Commands:
              test FILE.yml            train on the training data, then report on the examples in FILE.yml
              cross-validate           k-fold cross-validation on the training data
              benchmark clinc150       the CLINC150 intent benchmark (Larson et al. 2019)

            Options:
              --data DIR               training data folder (default nlu-models/data)
              --out DIR                where reports go (default results/<command>)
              --folds N                folds for cross-validate (default 5)
              --fallback-threshold X   test and cross-validate: below this confidence the intent is
                                       nlu_fallback, as the server's NLU_FALLBACK_THRESHOLD
                                       (default 0.3; 0 turns it off)
              --benchmark-data FILE    data_full.json for benchmark clinc150
                                       (default nlu-models/benchmarks/clinc150/data_full.json)
              --help                   this text

            Reports: intent_report.json, intent_errors.json, intent_confusion_matrix.csv and .svg,
            intent_histogram.svg, entity_report.json, entity_errors.json.
            """;

    private final PrintStream out;
    private final PrintStream err;

    NluCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new NluCommand(System.out, System.err).run(args));
    }

    int run(String... arguments) {
        Deque<String> args = new ArrayDeque<>(List.of(arguments));
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String command = args.removeFirst();
        Options options;
        try {
            options = Options.parse(command, args);
        } catch (IllegalArgumentException e) {
            err.println("nlu: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            return switch (command) {
                case "test" -> test(options);
                case "cross-validate" -> crossValidate(options);
                case "benchmark" -> new Clinc150Benchmark(out).run(options.benchmarkData(), options.out());
                default -> throw new IllegalStateException(command);
            };
        } catch (ContentException e) {
            err.println("nlu: " + e.getMessage());
            return 1;
        }
    }

    private int test(Options options) {
        TrainingData training = read(ContentFiles.fromDirectory(options.data(), options.data().toString(), ".yml", ".yaml"));
        TrainingData test = new RasaYamlReader().read(new ContentFile(options.file().toString(), readFile(options.file())));
        out.printf("Training on %d examples of %d intents...%n", training.examples().size(), training.intents().size());
        NluModel model = new NluTrainer(Optional.of(new ModelCache(options.data().resolve("..").resolve("target")
                .resolve("nlu-models").normalize()))).train(training, options.settings());
        out.printf("Testing on %d examples from %s...%n", test.examples().size(), options.file());
        return report(Evaluator.evaluate(model, test.examples()), options.out());
    }

    private int crossValidate(Options options) {
        TrainingData training = read(ContentFiles.fromDirectory(options.data(), options.data().toString(), ".yml", ".yaml"));
        out.printf("Cross-validating %d examples of %d intents in %d folds...%n", training.examples().size(),
                training.intents().size(), options.folds());
        NluTrainer trainer = new NluTrainer(Optional.empty());
        long started = System.nanoTime();
        Evaluator.Results results = CrossValidation.run(training, options.folds(), 42,
                data -> trainer.train(data, options.settings()),
                (fold, folds) -> out.printf("  fold %d of %d%n", fold, folds));
        out.printf("Cross-validation took %.1f s%n", (System.nanoTime() - started) / 1e9);
        return report(results, options.out());
    }

    private int report(Evaluator.Results results, Path directory) {
        IntentReport intents = new IntentReport(results.intents());
        EntityReport entities = new EntityReport(results.entities());
        List<Path> written = new ReportWriter(directory).write(intents, entities);
        out.printf("Wrote %d reports to %s%n", written.size(), directory);
        out.printf(Locale.ROOT, "intents: accuracy %.3f, macro F1 %.3f, weighted F1 %.3f (%d examples, %d errors); %s%n",
                intents.accuracy(), intents.macroAverage().f1(), intents.weightedAverage().f1(),
                results.intents().size(), intents.errors().size(), entitySummary(results.entities(), entities));
        return 0;
    }

    /**
     * The entities' micro F1, unless no example was annotated with any: then every entity found
     * would count as wrong and the F1 would read 0 whatever the model did, so it is not given.
     */
    private static String entitySummary(List<EntityPrediction> predictions, EntityReport report) {
        if (predictions.stream().allMatch(prediction -> prediction.gold().isEmpty())) {
            long found = predictions.stream().mapToLong(prediction -> prediction.predicted().size()).sum();
            return "entities: none annotated, so not scored (" + found + " found)";
        }
        return String.format(Locale.ROOT, "entities: micro F1 %.3f", report.microAverage().f1());
    }

    private static TrainingData read(List<ContentFile> files) {
        return new RasaYamlReader().read(files);
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ContentException(file.toString(), 0, "cannot read the file: " + e.getMessage());
        }
    }

    /** Parsed command-line options. */
    record Options(Path data, Path out, int folds, Path file, Path benchmarkData, double fallbackThreshold) {

        NluSettings settings() {
            return NluSettings.DEFAULTS.withFallbackThreshold(fallbackThreshold);
        }

        static Options parse(String command, Deque<String> args) {
            Path data = Path.of("nlu-models", "data");
            Path out = null;
            int folds = 5;
            double fallbackThreshold = NluSettings.DEFAULTS.fallbackThreshold();
            Path file = null;
            Path benchmarkData = Path.of("nlu-models", "benchmarks", "clinc150", "data_full.json");
            if (!List.of("test", "cross-validate", "benchmark").contains(command)) {
                throw new IllegalArgumentException("unknown command '" + command + "'");
            }
            if (command.equals("benchmark")) {
                String name = args.pollFirst();
                if (!"clinc150".equals(name)) {
                    throw new IllegalArgumentException("the only benchmark is clinc150");
                }
            }
            while (!args.isEmpty()) {
                String option = args.removeFirst();
                switch (option) {
                    case "--data" -> data = Path.of(value(option, args));
                    case "--out" -> out = Path.of(value(option, args));
                    case "--benchmark-data" -> benchmarkData = Path.of(value(option, args));
                    case "--folds" -> {
                        try {
                            folds = Integer.parseInt(value(option, args));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--folds takes a whole number");
                        }
                        if (folds < 2) {
                            throw new IllegalArgumentException("--folds must be at least 2");
                        }
                    }
                    case "--fallback-threshold" -> {
                        try {
                            fallbackThreshold = Double.parseDouble(value(option, args));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--fallback-threshold takes a number between 0 and 1");
                        }
                        if (!(fallbackThreshold >= 0 && fallbackThreshold <= 1)) {
                            throw new IllegalArgumentException("--fallback-threshold must be between 0 and 1");
                        }
                    }
                    default -> {
                        if (option.startsWith("-") || !command.equals("test") || file != null) {
                            throw new IllegalArgumentException("unexpected argument '" + option + "'");
                        }
                        file = Path.of(option);
                    }
                }
            }
            if (command.equals("benchmark") && fallbackThreshold != NluSettings.DEFAULTS.fallbackThreshold()) {
                throw new IllegalArgumentException("benchmark tunes its own out-of-scope rule on val; "
                        + "--fallback-threshold is for test and cross-validate");
            }
            if (command.equals("test") && file == null) {
                throw new IllegalArgumentException("test needs a Rasa YAML file of examples");
            }
            if (command.equals("test") && !Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            if (!Files.isDirectory(data)) {
                throw new IllegalArgumentException("no training data folder at " + data);
            }
            return new Options(data, out == null ? Path.of("results", command) : out, folds, file, benchmarkData,
                    fallbackThreshold);
        }

        private static String value(String option, Deque<String> args) {
            String value = args.pollFirst();
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }
}
