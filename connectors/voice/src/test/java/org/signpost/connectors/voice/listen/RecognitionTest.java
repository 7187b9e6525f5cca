package org.signpost.connectors.voice.listen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecognitionTest {

    @Test
    void wordsAsSureAsTheMinimumAreTrustedAndLessSureAreNot() {
        assertThat(Recognition.heard("carers support", 0.5f).isTrusted(0.5f)).isTrue();
        assertThat(Recognition.heard("carers support", 0.49f).isTrusted(0.5f)).isFalse();
    }

    @Test
    void wordsWithoutAConfidenceAreTrustedWhateverTheMinimum() {
        assertThat(Recognition.heard("yes").isTrusted(0.9f)).isTrue();
        assertThat(Recognition.heard("yes").confidence()).isNaN();
    }

    @Test
    void blankWordsNothingAndAnUnavailableServiceAreNeverTrusted() {
        assertThat(Recognition.heard("  ", 0.99f).isTrusted(0f)).isFalse();
        assertThat(Recognition.heard(" ").isTrusted(0f)).isFalse();
        assertThat(Recognition.nothing().isTrusted(0f)).isFalse();
        assertThat(Recognition.unavailable().isTrusted(0f)).isFalse();
    }
}
