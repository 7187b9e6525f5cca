package org.signpost.nlu.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/** Placeholder replaced below once the classifier recipe is settled. */
final class Clinc150Benchmark {

    private final PrintStream out;

    Clinc150Benchmark(PrintStream out) {
        this.out = out;
    }

    int run(Path data, Path reports) {
        out.println("benchmark: not yet");
        return 1;
    }
}
