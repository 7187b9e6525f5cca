package org.signpost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BatchesTest {

    @Test
    void whatArrivesWhileABatchIsWrittenBecomesTheNextInArrivalOrder() {
        Batches<Integer> batches = new Batches<>(2);

        assertThat(batches.add(1)).as("nobody writing: the caller writes").isTrue();
        assertThat(batches.add(2)).isFalse();
        assertThat(batches.add(3)).isFalse();
        assertThat(batches.next()).containsExactly(1, 2);
        assertThat(batches.add(4)).as("still writing").isFalse();
        assertThat(batches.next()).containsExactly(3, 4);
        assertThat(batches.next()).as("nothing waits: the writer stops").isEmpty();
        assertThat(batches.add(5)).as("and the next to come writes").isTrue();
    }

    @Test
    void aWriterThatCannotStartTakesEverythingAway() {
        Batches<String> batches = new Batches<>(10);
        batches.add("a");
        batches.add("b");

        assertThat(batches.drain()).containsExactly("a", "b");
        assertThat(batches.add("c")).isTrue();
        assertThatThrownBy(() -> new Batches<>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
