package org.signpost.nlu.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextFeaturesTest {

    private static final TextFeatures.Shape SHAPE = new TextFeatures.Shape(true, 2, 4, true, 0);

    @Test
    void aMessagesFeaturesDoNotDependOnWhatWasFeaturisedBefore() {
        List<String[]> documents = List.of("my mum keeps falling".split(" "), "where is the nearest pharmacy".split(" "),
                "i need a gp appointment for my dad".split(" "), "falls team in sedgley".split(" "));
        TextFeatures features = TextFeatures.learn(SHAPE, documents);
        String[] message = "my dad keeps falling in sedgley".split(" ");
        TextFeatures.Features first = features.featurise(message);

        // Others in between: short, repeated words, and one long enough to need larger working arrays.
        features.featurise("pharmacy pharmacy pharmacy".split(" "));
        features.featurise(IntStream.range(0, 400).mapToObj(i -> i % 2 == 0 ? "falling" : "sedgley" + i).toArray(String[]::new));
        features.featurise(new String[0]);
        TextFeatures.Features again = features.featurise(message);

        assertThat(again.ids()).containsExactly(first.ids());
        assertThat(again.values()).containsExactly(first.values());
        assertThat(first.ids()).isNotEmpty();
    }

    @Test
    void repeatedFeaturesAreCountedNotListedTwice() {
        TextFeatures features = TextFeatures.learn(SHAPE, List.<String[]>of("falls falls team".split(" ")));
        TextFeatures.Features once = features.featurise("falls team".split(" "));
        TextFeatures.Features twice = features.featurise("falls falls team".split(" "));

        // "falls falls" is a bigram of its own; every other feature is one's, counted once more.
        assertThat(twice.ids()).doesNotHaveDuplicates().contains(once.ids()).hasSize(once.ids().length + 1);
    }
}
