package org.signpost.core.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void fillsPlaceholdersAndLeavesUnknownOnesEmpty() {
        assertThat(Template.fill("Call {service} on {phone}{missing}.", Map.of("service", "Falls team", "phone", "01384 000000")))
                .isEqualTo("Call Falls team on 01384 000000.");
        assertThat(Template.fill("{a}{a}", Map.of("a", "$1\\"))).as("values taken literally").isEqualTo("$1\\$1\\");
        assertThat(Template.variables("{a} and {b_2}, {a} again, {Not} one")).containsExactly("a", "b_2");
    }

    @Test
    void aTextWithoutPlaceholdersIsTheTextItself() {
        String text = "How can I help? {Not a placeholder}";
        // Held conversations keep every reply: a fixed one is then one string, not one per conversation.
        assertThat(Template.fill(text, Map.of("x", "y"))).isSameAs(text);
    }

    @Test
    void bracesThatOpenNoPlaceholderStayAsTheyAre() {
        Map<String, String> values = Map.of("a", "A", "b", "B", "b_2", "B2");
        assertThat(Template.fill("{{a}}", values)).isEqualTo("{A}");
        assertThat(Template.fill("{a{b}", values)).isEqualTo("{aB");
        assertThat(Template.fill("{ a} {A} {} {2b} {b_2", values)).isEqualTo("{ a} {A} {} {2b} {b_2");
        assertThat(Template.fill("{b_2}{", values)).isEqualTo("B2{");
        assertThat(Template.fill("}{b}", values)).isEqualTo("}B");
        assertThat(Template.variables("{{a}} {a{b} {b_2 {2b}")).containsExactly("a", "b");
    }
}
