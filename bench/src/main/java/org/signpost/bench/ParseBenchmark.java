package org.signpost.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.signpost.content.ContentFiles;
import org.signpost.nlu.NluModel;
import org.signpost.nlu.NluSettings;
import org.signpost.nlu.ParseResult;
import org.signpost.nlu.data.RasaYamlReader;
import org.signpost.nlu.data.TrainingData;
import org.signpost.nlu.data.TrainingExample;
import org.signpost.nlu.model.NluTrainer;

/**
 * One parse of the domain model (normalise, featurise, classify, extract and normalise
 * entities, map synonyms) on one thread, over the held-out messages in turn. Throughput gives
 * parses per second; sample time gives the latency percentiles.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class ParseBenchmark {

    private NluModel model;
    private String[] messages;
    private int next;

    @Setup
    public void train() {
        Path root = Path.of(System.getProperty("signpost.root", "."));
        RasaYamlReader reader = new RasaYamlReader();
        TrainingData data = reader.read(ContentFiles.fromDirectory(root.resolve("nlu-models/data"), "data", ".yml"));
        List<TrainingExample> held = reader.read(
                ContentFiles.fromDirectory(root.resolve("nlu-models/test-data"), "test-data", ".yml")).examples();
        model = new NluTrainer(Optional.empty()).train(data, NluSettings.DEFAULTS);
        messages = held.stream().map(TrainingExample::text).toArray(String[]::new);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public ParseResult parsesPerSecond() {
        return parseNext();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ParseResult parseLatency() {
        return parseNext();
    }

    private ParseResult parseNext() {
        String message = messages[next];
        next = next + 1 == messages.length ? 0 : next + 1;
        return model.parse(message);
    }
}
