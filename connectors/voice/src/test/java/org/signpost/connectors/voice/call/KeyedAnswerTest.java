package org.signpost.connectors.voice.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.signpost.content.SourceLocation;
import org.signpost.core.flow.SlotDefinition;

class KeyedAnswerTest {

    private static SlotDefinition slot(String validator) {
        return new SlotDefinition("a_slot", List.of(), null, true, false, Map.of(), validator, false,
                new SourceLocation("domain.yml", 1));
    }

    @Test
    void keyedDigitsReadAsAChatUserWouldWriteThem() {
        assertThat(KeyedAnswer.NHS_NUMBER.text("9434765919")).isEqualTo("943 476 5919");
        assertThat(KeyedAnswer.DATE_OF_BIRTH.text("03051950")).isEqualTo("03/05/1950");
        assertThat(KeyedAnswer.PHONE_NUMBER.text("07700900123")).isEqualTo("07700900123");
        assertThat(KeyedAnswer.AGE.text("84")).isEqualTo("84");
    }

    @Test
    void digitsOfTheWrongLengthAreLeftForTheSlotsOwnCheckToRefuse() {
        assertThat(KeyedAnswer.NHS_NUMBER.text("94347")).isEqualTo("94347");
        assertThat(KeyedAnswer.DATE_OF_BIRTH.text("3519")).isEqualTo("3519");
    }

    @Test
    void slotsTakeKeyedDigitsByTheirValidator() {
        assertThat(KeyedAnswer.forSlot(slot("nhs_number"))).contains(KeyedAnswer.NHS_NUMBER);
        assertThat(KeyedAnswer.forSlot(slot("date_of_birth"))).contains(KeyedAnswer.DATE_OF_BIRTH);
        assertThat(KeyedAnswer.forSlot(slot("person_name"))).isEmpty();
        assertThat(KeyedAnswer.forSlot(slot(""))).isEmpty();
        assertThat(KeyedAnswer.NHS_NUMBER.maxDigits()).isEqualTo(10);
    }
}
