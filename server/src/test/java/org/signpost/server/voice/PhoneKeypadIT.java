package org.signpost.server.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    void aReferralIsMadeByKeypadAloneWithWordsSpelled() throws Exception {
        String callId;
        try (EmulatedCall call = phone.dial("01384000001")) {
            callId = call.uniqueId();
            Prompted menu = choose(call, call.listen(), "Help finding a service");
            menu = choose(call, menu, "Mental health");
            menu = choose(call, menu, "Brierley Hill");
            if (menu.said().contains("How old")) {
                call.press("34");
                menu = call.listen();
            }
            Prompted name = choose(call, menu, "Refer myself");
            while (!name.said().contains("full name")) {
                name = choose(call, name, name.said().contains("Myself") ? "Myself" : "Yes");
            }
            assertThat(name.said()).contains("spell it on your keypad");
            call.press(spelled("SAM JONES"));
            assertThat(call.listen().said()).contains("date of birth");
            call.press("03051950");
            Prompted known = call.listen();
            call.press(known.said().replaceAll(".*Press (\\d) for Yes.*", "$1"));
            assertThat(call.listen().said()).contains("NHS number");
            call.press("9434765919");
            Prompted postcode = call.listen();
            assertThat(postcode.said()).contains("postcode").contains("spell it on your keypad");
            call.press(spelled("DY5 1AB"));
            assertThat(call.listen().said()).contains("phone number");
            call.press("07700900123");
            Prompted reason = call.listen();
            assertThat(reason.said()).contains("what help is needed");
            call.press(spelled("LOW MOOD AND ANXIETY"));
            Prompted urgency = choose(call, call.listen(), "Soon");
            Prompted summary = choose(call, urgency, "Yes");
            assertThat(summary.said()).contains("SAM JONES").contains("postcode D Y 5, 1 ay B");
            Prompted created = choose(call, summary, "Yes, send it");
            assertThat(created.said()).contains("sent the referral");
            call.hangUp();
            call.awaitEnd();
            assertThat(call.commands()).noneMatch(command -> command.is("RECORD FILE"));
        }
        String bot = phone.conversation(callId).getJsonArray("transcript").encode();
        Matcher reference = Pattern.compile("SP-[A-Z0-9]{6}").matcher(bot);
        assertThat(reference.find()).as("a reference in %s", bot).isTrue();
        HttpResponse<String> stored = phone.navigator.call("GET", "/api/referrals/" + reference.group(), null);
        JsonObject details = new JsonObject(stored.body()).getJsonObject("details");
        assertThat(details.getString("person_name")).isEqualTo("SAM JONES");
        assertThat(details.getString("postcode")).isEqualTo("DY5 1AB");
        assertThat(details.getString("nhs_number")).isEqualTo("9434765919");
        assertThat(details.getString("referral_reason")).isEqualTo("LOW MOOD AND ANXIETY");
    }

    /** The keys that spell {@code text}: each character's key, then its place on that key. */
    private static String spelled(String text) {
        String[] keys = {"", " -'", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ"};
        StringBuilder presses = new StringBuilder();
        for (char character : text.toCharArray()) {
            if (Character.isDigit(character)) {
                presses.append(character).append('0');
                continue;
            }
            for (int key = 1; key < keys.length; key++) {
                int place = keys[key].indexOf(character);
                if (place >= 0) {
                    presses.append(key).append(place + 1);
                }
            }
        }
        return presses.toString();
    }

    /** Presses the key the menu gives {@code title}, turning its pages until it is read out. */
    private static Prompted choose(EmulatedCall call, Prompted menu, String title) throws Exception {
        Prompted current = menu;
        for (int page = 0; page < 8; page++) {
            Matcher option = Pattern.compile("Press (\\d) for " + Pattern.quote(title)).matcher(current.said());
            if (option.find()) {
                call.press(option.group(1));
                return call.listen();
            }
            assertThat(current.said()).as("'%s' among the options", title).contains("Press 9 for more options");
            call.press("9");
            current = call.listen();
        }
        throw new AssertionError("'" + title + "' was never offered");
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
