package org.signpost.server.voice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signpost.connectors.voice.asterisk.EmulatedCall;
import org.signpost.connectors.voice.asterisk.EmulatedCall.Prompted;

/**
 * The phone line without speech recognition (no Google credentials): every choice is made on the
 * keypad, long lists are read three at a time, and nothing is ever recorded.
 */
class PhoneKeypadIT {

    private static PhoneServer phone;

    @BeforeAll
    static void start() throws Exception {
        phone = PhoneServer.keypadOnly();
    }

    @AfterAll
    static void stop() throws Exception {
        phone.close();
    }

    @Test
    void aServiceIsFoundByKeypadAloneWithListsReadThreeAtATimeAndAnAgeKeyedIn() throws Exception {
        try (EmulatedCall call = phone.dial("01384000000")) {
            Prompted greeting = call.listen();
            assertThat(greeting.heard().get(0)).contains("emergency");
            assertThat(greeting.said()).contains("Press 1 for Help finding a service");
            assertThat(greeting.waitingWith().orElseThrow().name()).isEqualTo("GET DATA");
            call.press("1");

            Prompted kinds = call.listen();
            assertThat(kinds.said()).contains("What do you need help with?").contains("Press 2 for Falls")
                    .contains("Press 9 for more options").doesNotContain("Press 4");
            call.press("9");
            Prompted more = call.listen();
            // The next three, keyed from 1 again; nothing is said twice.
            assertThat(more.heard()).hasSize(1);
            assertThat(more.said()).contains("Press 1 for").doesNotContain("Falls");
            String secondPageFirst = more.said().replaceAll(".*Press 1 for ([^.]+)\\..*", "$1");
            call.press("1");

            Prompted places = call.listen();
            assertThat(places.said()).contains("Which part of Dudley").contains("Press 1 for Brierley Hill")
                    .contains("Press 9 for more options");
            call.press("9");
            assertThat(call.listen().said()).contains("Press 2 for Stourbridge");
            call.press("2");

            Prompted age = call.listen();
            assertThat(age.said()).contains("How old");
            assertThat(age.waitingWith().orElseThrow().line()).endsWith(" 3");
            call.press("84");

            Prompted found = call.listen();
            assertThat(found.said()).containsIgnoringCase(secondPageFirst).contains("Stourbridge")
                    .contains("Press 1 for Refer myself to").contains("Press 9 for more options");
            call.press("9");
            Prompted lastOptions = call.listen();
            assertThat(lastOptions.said()).contains("No, that's all");
            // "No, that's all" says goodbye, and the call ends.
            call.press(lastOptions.said().replaceAll(".*Press (\\d) for No, that's all.*", "$1"));
            assertThat(call.listen().waitingWith().orElseThrow().name()).isEqualTo("HANGUP");
            call.awaitEnd();
            assertThat(call.commands()).noneMatch(command -> command.is("RECORD FILE"));
        }
    }

    @Test
    void aKeyThatIsNotAnOptionIsSaidSoAndTheOptionsAreReadAgain() throws Exception {
        try (EmulatedCall call = phone.dial("01384000000")) {
            call.listen();
            call.press("7");
            Prompted again = call.listen();
            assertThat(again.said()).contains("isn't one of the options").contains("Press 1 for Help finding a service");
            call.hangUp();
            call.awaitEnd();
        }
    }

    @Test
    void aCallerWhoStaysSilentIsAskedAgainAndThenTheCallEnds() throws Exception {
        try (EmulatedCall call = phone.dial("01384000000")) {
            call.listen();
            call.stayQuiet();
            assertThat(call.listen().said()).contains("didn't catch that");
            call.stayQuiet();
            call.listen();
            call.stayQuiet();
            Prompted end = call.listen();
            assertThat(end.said()).contains("end the call now");
            assertThat(end.waitingWith().orElseThrow().name()).isEqualTo("HANGUP");
            call.awaitEnd();
        }
    }
}
