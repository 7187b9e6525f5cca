package org.signpost.nlu.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signpost.content.SourceLocation;
import org.signpost.nlu.data.TrainingExample;

class CrossValidationTest {

    private static List<TrainingExample> examples() {
        List<TrainingExample> examples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            examples.add(new TrainingExample("a", "a" + i, List.of(), new SourceLocation("f", i)));
        }
        for (int i = 0; i < 5; i++) {
            examples.add(new TrainingExample("b", "b" + i, List.of(), new SourceLocation("f", 20 + i)));
        }
        return examples;
    }

    @Test
    void dealsEveryExampleToExactlyOneFoldKeepingIntentsBalanced() {
        List<List<TrainingExample>> folds = CrossValidation.folds(examples(), 5, 1);

        assertThat(folds).hasSize(5);
        assertThat(folds.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(examples());
        for (List<TrainingExample> fold : folds) {
            assertThat(fold.stream().filter(e -> e.intent().equals("a")).count()).isEqualTo(2);
            assertThat(fold.stream().filter(e -> e.intent().equals("b")).count()).isEqualTo(1);
        }
    }

    @Test
    void isRepeatableForASeed() {
        assertThat(CrossValidation.folds(examples(), 3, 7)).isEqualTo(CrossValidation.folds(examples(), 3, 7));
    }
}
