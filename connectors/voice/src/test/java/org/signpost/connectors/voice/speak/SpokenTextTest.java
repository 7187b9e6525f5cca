package org.signpost.connectors.voice.speak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpokenTextTest {

    @Test
    void ordinaryTextIsLeftAlone() {
        for (String text : List.of(
                "You can see a pharmacist without an appointment.",
                "The clinic is open 9am to 5pm, Monday to Friday.",
                "Children aged 5 to 16 can join, and there are 3 groups in 2 towns.",
                "It costs nothing, and about 1,500 people used it in 2024.",
                "Opening times: 8:30am to 6pm. Closed on bank holidays.",
                "Is there anything else I can help with?",
                "Your GP can refer you, or you can refer yourself.",
                "Room 12, floor 3",
                "A well-being check takes 20 minutes.")) {
            assertThat(SpokenText.of(text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void landlineNumbersAreSpokenDigitByDigitInTheirGroups() {
        assertThat(SpokenText.of("Call 01384 818181 today.")).isEqualTo("Call 0 1 3 8 4, 8 1 8 1 8 1 today.");
        assertThat(SpokenText.of("Ring 0121 496 0000.")).isEqualTo("Ring 0 1 2 1, 4 9 6, 0 0 0 0.");
        assertThat(SpokenText.of("Ring 0121-496-0000.")).isEqualTo("Ring 0 1 2 1, 4 9 6, 0 0 0 0.");
        assertThat(SpokenText.of("Ring (0121) 496 0000.")).isEqualTo("Ring 0 1 2 1, 4 9 6, 0 0 0 0.");
        assertThat(SpokenText.of("Freephone 0800 123 4567")).isEqualTo("Freephone 0 8 0 0, 1 2 3, 4 5 6 7");
    }

    @Test
    void mobileNumbersAreSpokenDigitByDigitInTheirGroups() {
        assertThat(SpokenText.of("Text 07700 900123.")).isEqualTo("Text 0 7 7 0 0, 9 0 0 1 2 3.");
    }

    @Test
    void numbersWrittenInOneRunAreSpokenInTheUsualGroups() {
        assertThat(SpokenText.of("01384818181")).isEqualTo("0 1 3 8 4, 8 1 8 1 8 1");
        assertThat(SpokenText.of("02079460000")).isEqualTo("0 2 0, 7 9 4 6, 0 0 0 0");
        assertThat(SpokenText.of("01214960000")).isEqualTo("0 1 2 1, 4 9 6, 0 0 0 0");
        assertThat(SpokenText.of("03001231234")).isEqualTo("0 3 0 0, 1 2 3, 1 2 3 4");
        assertThat(SpokenText.of("07700900123")).isEqualTo("0 7 7 0 0, 9 0 0 1 2 3");
    }

    @Test
    void internationalNumbersSayPlusFourFourAndLeaveOutTheBracketedZero() {
        assertThat(SpokenText.of("From abroad: +44 1384 818181.")).isEqualTo("From abroad: plus 4 4, 1 3 8 4, 8 1 8 1 8 1.");
        assertThat(SpokenText.of("+44 (0)1384 818181")).isEqualTo("plus 4 4, 1 3 8 4, 8 1 8 1 8 1");
        assertThat(SpokenText.of("+447700900123")).isEqualTo("plus 4 4, 7 7 0 0, 9 0 0 1 2 3");
    }

    @Test
    void aBracketAroundAWholeNumberStaysWithTheSentence() {
        assertThat(SpokenText.of("Call the surgery (01384 818181).")).isEqualTo("Call the surgery (0 1 3 8 4, 8 1 8 1 8 1).");
    }

    @Test
    void numbersThatAreNotPhoneNumbersStay() {
        for (String text : List.of("It takes 0 to 10 minutes.", "Call 01384 8181812 now.", "Reference 120384818181")) {
            assertThat(SpokenText.of(text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void nhsNumbersAreSpokenInGroupsOfThreeThreeAndFour() {
        assertThat(SpokenText.of("Your NHS number is 943 476 5919.")).isEqualTo("Your NHS number is 9 4 3, 4 7 6, 5 9 1 9.");
        assertThat(SpokenText.of("NHS number 9434765919")).isEqualTo("NHS number 9 4 3, 4 7 6, 5 9 1 9");
        assertThat(SpokenText.of("NHS number 943-476-5919")).isEqualTo("NHS number 9 4 3, 4 7 6, 5 9 1 9");
    }

    @Test
    void postcodesAreSpokenCharacterByCharacter() {
        assertThat(SpokenText.of("The hub is at DY1 4HS.")).isEqualTo("The hub is at D Y 1, 4 H S.");
        assertThat(SpokenText.of("B15 2TT")).isEqualTo("B 1 5, 2 T T");
        assertThat(SpokenText.of("Send it to DY14HS")).isEqualTo("Send it to D Y 1, 4 H S");
    }

    @Test
    void theLetterAIsSpelledSoFliteDoesNotSayTheArticleAndZIsZed() {
        assertThat(SpokenText.of("SW1A 1AA")).isEqualTo("S W 1 ay, 1 ay ay");
        assertThat(SpokenText.of("ZE1 0AX")).isEqualTo("zed E 1, 0 ay X");
    }

    @Test
    void timesInCapitalsAreNotPostcodes() {
        assertThat(SpokenText.of("Take the A1 3PM")).isEqualTo("Take the A1 3PM");
        assertThat(SpokenText.of("Open 9AM to 5PM")).isEqualTo("Open 9AM to 5PM");
    }

    @Test
    void datesKeptAsIsoAreSpokenAsPeopleSayThem() {
        assertThat(SpokenText.of("born 1950-05-03, postcode DY8 1AB")).isEqualTo("born 3 May 1950, postcode D Y 8, 1 ay B");
        // No 13th month: not a date, so not said as one.
        assertThat(SpokenText.of("Reference 2024-13-40")).startsWith("Reference 2024 ").doesNotContain("January", "December");
    }

    @Test
    void helplinesAndTextShortCodesAreSpokenDigitByDigit() {
        assertThat(SpokenText.of("You can also call Samaritans free on 116 123, or text SHOUT to 85258."))
                .isEqualTo("You can also call Samaritans free on 1 1 6, 1 2 3, or text SHOUT to 8 5 2 5 8.");
        assertThat(SpokenText.of("NHS 116117 helps out of hours.")).isEqualTo("NHS 1 1 6, 1 1 7 helps out of hours.");
        assertThat(SpokenText.of("It took 116 days to get 12345 answers.")).isEqualTo("It took 116 days to get 12345 answers.");
    }

    @Test
    void emergencyNumbersAreSpokenDigitByDigit() {
        assertThat(SpokenText.of("In an emergency call 999.")).isEqualTo("In an emergency call 9 9 9.");
        assertThat(SpokenText.of("Call NHS 111, or 112 from a mobile abroad."))
                .isEqualTo("Call NHS 1 1 1, or 1 1 2 from a mobile abroad.");
    }

    @Test
    void numbersThatOnlyLookLikeEmergencyNumbersStay() {
        for (String text : List.of("It costs £999.", "About 1,111 people", "9999 steps", "111.5 miles", "111% sure",
                "Route 1112")) {
            assertThat(SpokenText.of(text)).as(text).doesNotContain("1 1 1").doesNotContain("9 9 9").doesNotContain("1 1 2");
        }
    }

    @Test
    void referralReferencesAreSpokenCharacterByCharacterInGroups() {
        assertThat(SpokenText.of("Your reference is SP-7Q2K9X.")).isEqualTo("Your reference is S P, 7 Q 2, K 9 X.");
        assertThat(SpokenText.of("Quote SP-ZA3BCD")).isEqualTo("Quote S P, zed ay 3, B C D");
    }

    @Test
    void urlsAreSpokenAsTheirSite() {
        assertThat(SpokenText.of("Visit https://www.nhs.uk/conditions/flu/ for advice."))
                .isEqualTo("Visit nhs dot uk for advice.");
        assertThat(SpokenText.of("See www.signpost.org.uk.")).isEqualTo("See signpost dot org dot uk.");
        assertThat(SpokenText.of("Book at http://example.org:8080/a_b?c=d#e")).isEqualTo("Book at example dot org");
    }

    @Test
    void urlsInBracketsAreDropped() {
        assertThat(SpokenText.of("Read our guide (https://signpost.org.uk/guide).")).isEqualTo("Read our guide.");
    }

    @Test
    void markdownLinksKeepTheirLabel() {
        assertThat(SpokenText.of("You can [find a GP](https://www.nhs.uk/service-search) near you."))
                .isEqualTo("You can find a GP near you.");
    }

    @Test
    void emojiAreDropped() {
        assertThat(SpokenText.of("Great news 👍🏽! We found 3 services 📞 ✅")).isEqualTo("Great news! We found 3 services");
        assertThat(SpokenText.of("Press 1️⃣")).isEqualTo("Press 1");
    }

    @Test
    void markdownSymbolsAreDropped() {
        assertThat(SpokenText.of("This is **really** _important_ and `plain`.")).isEqualTo("This is really important and plain.");
        assertThat(SpokenText.of("## Opening times\nMonday")).isEqualTo("Opening times. Monday");
    }

    @Test
    void listItemsLoseTheirBulletsAndArePausedBetween() {
        assertThat(SpokenText.of("You could try:\n• a pharmacy\n* your GP\n- NHS 111\n\n1. Call us"))
                .isEqualTo("You could try: a pharmacy. your GP. NHS 1 1 1. 1. Call us");
    }

    @Test
    void linesAlreadyEndingInPunctuationGetNoExtraFullStop() {
        assertThat(SpokenText.of("Hello!\nHow can I help?\r\nTell me:\nanything"))
                .isEqualTo("Hello! How can I help? Tell me: anything");
    }

    @Test
    void ampersandsAreSaidAsAnd() {
        assertThat(SpokenText.of("Health & care")).isEqualTo("Health and care");
        assertThat(SpokenText.of("Health&care")).isEqualTo("Health and care");
        assertThat(SpokenText.of("Go to A&E now.")).isEqualTo("Go to A-and-E now.");
        assertThat(SpokenText.of("Go to A & E now.")).isEqualTo("Go to A-and-E now.");
    }

    @Test
    void rangesWithDashesAreSaidWithTo() {
        assertThat(SpokenText.of("Open 9am-5pm")).isEqualTo("Open 9am to 5pm");
        assertThat(SpokenText.of("Open 9am – 5pm, Mon–Fri")).isEqualTo("Open 9am to 5pm, Mon-Fri");
        assertThat(SpokenText.of("Ages 18–65")).isEqualTo("Ages 18 to 65");
        assertThat(SpokenText.of("Open 9 am - 5.30 pm")).isEqualTo("Open 9 am to 5.30 pm");
    }

    @Test
    void aDashBetweenWordsIsAPause() {
        assertThat(SpokenText.of("We can help — just ask.")).isEqualTo("We can help, just ask.");
    }

    @Test
    void poundsAreSaid() {
        assertThat(SpokenText.of("A prescription costs £9.90.")).isEqualTo("A prescription costs 9 pounds 90.");
        assertThat(SpokenText.of("£1 or £5.00 or £1,200")).isEqualTo("1 pound or 5 pounds or 1,200 pounds");
        assertThat(SpokenText.of("Just £0.50")).isEqualTo("Just 50 pence");
        assertThat(SpokenText.of("£5–£10")).isEqualTo("5 pounds to 10 pounds");
    }

    @Test
    void roundTheClockIsSaidInWords() {
        assertThat(SpokenText.of("NHS 111 is open 24/7.")).isEqualTo("NHS 1 1 1 is open 24 hours a day, 7 days a week.");
    }

    @Test
    void typographyBecomesAscii() {
        assertThat(SpokenText.of("Don’t worry, the “café” is open…")).isEqualTo("Don't worry, the \"cafe\" is open...");
        assertThat(SpokenText.of("Open\u00a0today → now")).isEqualTo("Open today now");
    }

    @Test
    void textWithNothingToSayIsBlank() {
        assertThat(SpokenText.of("👍")).isEmpty();
        assertThat(SpokenText.of("  \n ** ")).isEmpty();
        assertThatThrownBy(() -> SpokenText.of(null)).isInstanceOf(NullPointerException.class);
    }
}
