package org.signpost.nlu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NluCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final NluCommand command = new NluCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertThat(command.run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("cross-validate");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(command.run("train-harder")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'train-harder'");
    }

    @Test
    void testNeedsAFileThatExists() {
        assertThat(command.run("test", "--data", "data")).isEqualTo(2);
        assertThat(command.run("test", "no-such-file.yml", "--data", "data")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file: no-such-file.yml");
    }

    @Test
    void badContentIsReportedWithFileAndLine(@TempDir Path directory) throws Exception {
        Path broken = directory.resolve("broken.yml");
        Files.writeString(broken, "nlu:\n- intent: greet\n  examples: |\n    hello\n");

        assertThat(command.run("test", broken.toString(), "--data", "data", "--out", directory.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(broken + ":4: each example must start with '- '");
    }

    @Test
    void testWritesRasaShapedReports(@TempDir Path directory) throws Exception {
        int status = command.run("test", "test-data/holdout.yml", "--data", "data", "--out", directory.toString());

        assertThat(status).isZero();
        assertThat(directory.resolve("intent_report.json")).content().contains("\"macro avg\"").contains("\"f1-score\"")
                .contains("\"accuracy\"");
        assertThat(directory.resolve("intent_confusion_matrix.svg")).content().startsWith("<svg");
        assertThat(directory.resolve("entity_report.json")).exists();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("intents: accuracy");
    }

    @Test
    void entitiesAreScoredOnlyWhereTheFileAnnotatesThem(@TempDir Path directory) throws Exception {
        Path plain = directory.resolve("plain.yml");
        Files.writeString(plain, "nlu:\n- intent: find_service\n  examples: |\n    - falls clinic in Stourbridge\n");
        Path annotated = directory.resolve("annotated.yml");
        Files.writeString(annotated,
                "nlu:\n- intent: find_service\n  examples: |\n    - [falls clinic](service_category) in [Stourbridge](locality)\n");

        assertThat(command.run("test", plain.toString(), "--data", "data", "--out", directory.resolve("a").toString()))
                .isZero();
        assertThat(command.run("test", annotated.toString(), "--data", "data", "--out", directory.resolve("b").toString()))
                .isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("entities: none annotated, so not scored (2 found)")
                .contains("entities: micro F1 1.000");
    }

    @Test
    void theFallbackThresholdDecidesWhatCountsAsNotUnderstood(@TempDir Path directory) throws Exception {
        Path off = directory.resolve("off");
        Path everything = directory.resolve("everything");

        assertThat(command.run("test", "test-data/holdout.yml", "--data", "data", "--out", off.toString(),
                "--fallback-threshold", "0")).isZero();
        assertThat(command.run("test", "test-data/holdout.yml", "--data", "data", "--out", everything.toString(),
                "--fallback-threshold", "1")).isZero();

        assertThat(off.resolve("intent_errors.json")).content().doesNotContain("nlu_fallback");
        assertThat(everything.resolve("intent_report.json")).content().contains("\"accuracy\" : 0.0,");
    }

    @Test
    void aFallbackThresholdOutsideZeroToOneIsAUsageError() {
        assertThat(command.run("cross-validate", "--data", "data", "--fallback-threshold", "1.5")).isEqualTo(2);
        assertThat(command.run("cross-validate", "--data", "data", "--fallback-threshold", "high")).isEqualTo(2);
        assertThat(command.run("benchmark", "clinc150", "--fallback-threshold", "0.5")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--fallback-threshold must be between 0 and 1")
                .contains("--fallback-threshold takes a number between 0 and 1")
                .contains("--fallback-threshold is for test and cross-validate");
    }
}
