package org.signpost.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenizerTest {

    private final Tokenizer tokenizer = new Tokenizer();

    @Test
    void lowerCasesAndSplitsOnPunctuation() {
        assertThat(tokenizer.words("Is there a FALLS service, in Lye?")).containsExactly(
                "is", "there", "a", "falls", "service", "in", "lye");
    }

    @Test
    void dropsApostrophesInsideWords() {
        assertThat(tokenizer.words("I don't want to be here, it’s too much")).containsExactly(
                "i", "dont", "want", "to", "be", "here", "its", "too", "much");
    }

    @Test
    void keepsOffsetsIntoTheOriginalText() {
        assertThat(tokenizer.tokenize("  DY8 1AB!")).containsExactly(new Token("dy8", 2, 5), new Token("1ab", 6, 9));
    }

    @Test
    void givesNoTokensForPunctuationOnly() {
        assertThat(tokenizer.tokenize("?!... '")).isEmpty();
    }
}
