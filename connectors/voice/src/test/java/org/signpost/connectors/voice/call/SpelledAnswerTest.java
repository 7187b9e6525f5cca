package org.signpost.connectors.voice.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpelledAnswerTest {

    @Test
    void eachCharacterIsItsKeyThenItsPlaceOnThatKey() {
        // S A M space J O N E S
        assertThat(SpelledAnswer.text("742161" + "11" + "516362327 4".replace(" ", ""))).contains("SAM JONES");
        assertThat(SpelledAnswer.text("2233")).contains("BF");
        assertThat(SpelledAnswer.text("7494")).contains("SZ");
    }

    @Test
    void digitsAreTheirKeyThenZeroAndSeparatorsAreOnTheOneKey() {
        // D Y 8 space 1 A B: a postcode
        assertThat(SpelledAnswer.text("31938011102122")).contains("DY8 1AB");
        // S P - 4 K 2: a reference; O ' B: a name with an apostrophe
        assertThat(SpelledAnswer.text("7471" + "12" + "40" + "52" + "20")).contains("SP-4K2");
        assertThat(SpelledAnswer.text("631322")).contains("O'B");
        assertThat(SpelledAnswer.text("0000")).contains("00");
    }

    @Test
    void spacesAtTheEndsAndInRunsAreTidied() {
        assertThat(SpelledAnswer.text("11" + "21" + "1111" + "22" + "11")).contains("A B");
    }

    @Test
    void keysThatSpellNothingAreNotAnAnswer() {
        assertThat(SpelledAnswer.text("")).isEmpty();
        assertThat(SpelledAnswer.text("742")).as("an odd key left over").isEmpty();
        assertThat(SpelledAnswer.text("25")).as("2 bears three letters").isEmpty();
        assertThat(SpelledAnswer.text("95")).as("9 bears four").isEmpty();
        assertThat(SpelledAnswer.text("01")).as("0 bears no letters").isEmpty();
        assertThat(SpelledAnswer.text("1111")).as("only spaces").isEmpty();
        assertThat(SpelledAnswer.text("2*")).isEmpty();
    }
}
