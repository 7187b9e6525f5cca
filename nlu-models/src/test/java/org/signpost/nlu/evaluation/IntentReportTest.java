package org.signpost.nlu.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntentReportTest {

    private static IntentPrediction p(String gold, String predicted) {
        return new IntentPrediction("text", gold, predicted, 0.5);
    }

    // greet: 2 gold, both right; bye: 2 gold, one predicted as greet; help: 1 gold, right.
    private final IntentReport report = new IntentReport(List.of(
            p("greet", "greet"), p("greet", "greet"), p("bye", "bye"), p("bye", "greet"), p("help", "help")));

    @Test
    void computesPerIntentPrecisionRecallAndF1() {
        assertThat(report.perIntent().get("greet")).satisfies(m -> {
            assertThat(m.precision()).isCloseTo(2 / 3.0, within(1e-9));
            assertThat(m.recall()).isEqualTo(1.0);
            assertThat(m.f1()).isCloseTo(0.8, within(1e-9));
            assertThat(m.support()).isEqualTo(2);
        });
        assertThat(report.perIntent().get("bye")).satisfies(m -> {
            assertThat(m.precision()).isEqualTo(1.0);
            assertThat(m.recall()).isEqualTo(0.5);
        });
    }

    @Test
    void computesAccuracyAndAverages() {
        assertThat(report.accuracy()).isEqualTo(0.8);
        double byeF1 = 2 * 0.5 / 1.5;
        assertThat(report.macroAverage().f1()).isCloseTo((0.8 + byeF1 + 1.0) / 3, within(1e-9));
        assertThat(report.weightedAverage().f1()).isCloseTo((0.8 * 2 + byeF1 * 2 + 1.0) / 5, within(1e-9));
    }

    @Test
    void listsConfusionsAndErrors() {
        assertThat(report.confusion("bye", "greet")).isEqualTo(1);
        assertThat(report.confusedWith("bye")).containsExactly(Map.entry("greet", 1));
        assertThat(report.errors()).containsExactly(p("bye", "greet"));
        assertThat(ReportWriter.confusionCsv(report)).isEqualTo("""
                gold \\ predicted,bye,greet,help
                bye,1,1,0
                greet,0,2,0
                help,0,0,1
                """);
    }

    @Test
    void scoresEntitiesByTypeAndPlace() {
        EntityPrediction.Span lye = new EntityPrediction.Span("locality", 10, 13, "Stourbridge");
        EntityPrediction.Span wrongValue = new EntityPrediction.Span("locality", 10, 13, "Lye");
        EntityPrediction.Span extra = new EntityPrediction.Span("date", 0, 5, "2026-01-01");
        EntityReport entities = new EntityReport(List.of(
                new EntityPrediction("a", List.of(lye), List.of(wrongValue, extra)),
                new EntityPrediction("b", List.of(lye), List.of())));

        assertThat(entities.perEntity().get("locality").recall()).isEqualTo(0.5);
        assertThat(entities.perEntity().get("locality").precision()).isEqualTo(1.0);
        assertThat(entities.perEntity().get("date").precision()).isEqualTo(0.0);
        assertThat(entities.valueAccuracy().get("locality")).isEqualTo(0.0);
        assertThat(entities.errors()).hasSize(2);
    }
}
