package org.signpost.dialogs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.signpost.core.safety.SafetyHit;
import org.signpost.core.safety.SafetyRulesReader;
import org.signpost.core.safety.SafetyScreen;

/**
 * The shipped safety rules against the reviewed phrase table
 * ({@code src/test/resources/safety-phrases.csv}): every emergency, crisis and safeguarding
 * phrase is caught with the right category, and negated, hypothetical or unrelated ones are not.
 */
class SafetyScreenTest {

    private static final SafetyScreen SCREEN = new SafetyScreen(SafetyRulesReader.read(DialogContent.safety()));

    record Row(String expected, String text) {
        @Override
        public String toString() {
            return expected + ": " + text;
        }
    }

    static List<Row> table() throws IOException {
        try (InputStream in = SafetyScreenTest.class.getResourceAsStream("/safety-phrases.csv")) {
            List<Row> rows = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    String[] parts = lines[i].split("\\|", 2);
                    rows.add(new Row(parts[0].strip(), parts[1].strip()));
                }
            }
            return rows;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void screensEachPhraseOfTheTable(Row row) {
        String found = SCREEN.screen(row.text()).map(hit -> hit.category().id()).orElse("none");

        assertThat(found).as(row.text()).isEqualTo(row.expected());
    }

    @Test
    void theTableCoversEveryCategoryWithAtLeastAHundredPhrases() throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        table().forEach(row -> counts.merge(row.expected(), 1, Integer::sum));

        assertThat(table()).hasSizeGreaterThanOrEqualTo(100);
        assertThat(counts).containsOnlyKeys("emergency", "mental_health_crisis", "safeguarding", "none");
        assertThat(counts.get("none")).isGreaterThanOrEqualTo(40);
    }

    @Test
    void reportsTheRulePhraseNotThePersonsWords() {
        SafetyHit hit = SCREEN.screen("My DAD has CHEST PAIN!!").orElseThrow();

        assertThat(hit.phrase()).isEqualTo("chest pain/pains/ache");
    }

    @Test
    void theMostSevereCategoryWins() {
        assertThat(SCREEN.screen("my husband hits me and now I can't breathe").orElseThrow().category().id())
                .isEqualTo("emergency");
    }
}
