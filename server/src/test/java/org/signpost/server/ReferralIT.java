package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.signpost.core.referral.Referral;

/** Referral conversations through the Rasa REST channel, as people would type them. */
class ReferralIT extends AgainstRunningServer {

    private static final Pattern REFERENCE = Pattern.compile("SP-[A-Z0-9]{6}");


    @Test
    void aSelfReferralIsCheckedReadBackCorrectedAndStored() throws Exception {
        String me = "self-referrer";
        // "self refer" already says who it is for, and "talking therapies" which service.
        assertThat(server.say(me, "can I self refer to talking therapies")).contains("full name");
        assertThat(server.say(me, "Sam Jones")).contains("date of birth");
        assertThat(server.say(me, "next Tuesday")).contains("doesn't look like a date of birth");
        assertThat(server.say(me, "3rd May 1950")).contains("NHS number");
        assertThat(server.say(me, "yes")).contains("What is the NHS number?");
        assertThat(server.say(me, "943 476 5918")).contains("doesn't look right");
        assertThat(server.say(me, "943 476 5919")).contains("postcode");
        assertThat(server.say(me, "dy8 1ab")).contains("phone number");
        assertThat(server.say(me, "07700 900123")).contains("what help is needed");
        assertThat(server.say(me, "I've been feeling very low and anxious for months")).contains("How soon");
        assertThat(server.say(me, "/inform{\"urgency\": \"soon\"}")).contains("agree");
        String summary = server.say(me, "yes");
        assertThat(summary).contains("Sam Jones").contains("1950-05-03").contains("9434765919").contains("DY8 1AB")
                .contains("+447700900123").contains("feeling very low").contains("soon");
        assertThat(server.say(me, "no")).contains("What should I change?");
        assertThat(server.say(me, "the postcode is DY9 7AA")).contains("DY9 7AA").doesNotContain("DY8 1AB");
        String created = server.say(me, "yes that's right");

        Matcher reference = REFERENCE.matcher(created);
        assertThat(reference.find()).as(created).isTrue();
        assertThat(created).contains("What happens next");
        Referral stored = RunningServer.await(server.signpost().stores().referrals().find(reference.group())).orElseThrow();
        assertThat(stored.serviceName()).startsWith("Dudley Talking Therapies");
        assertThat(stored.route()).isEqualTo("self");
        assertThat(stored.status().id()).isEqualTo("new");
        assertThat(stored.details()).containsEntry("postcode", "DY9 7AA").containsEntry("nhs_number", "9434765919")
                .containsEntry("date_of_birth", "1950-05-03").containsEntry("phone_number", "+447700900123");

        // Checking on it needs the reference and the matching date of birth.
        String other = "self-referrer-later";
        assertThat(server.say(other, "any update on my referral " + reference.group())).contains("date of birth");
        assertThat(server.say(other, "03/05/1950")).contains("received, and waiting to be looked at");
        String stranger = "stranger";
        server.say(stranger, "check referral " + reference.group());
        assertThat(server.say(stranger, "01/01/1980")).contains("couldn't find a referral").doesNotContain("Talking");
    }

    @Test
    void anInvalidPostcodeIsAskedForAgainAndAQuestionOnTheWayIsAnsweredFirst() throws Exception {
        String person = "digresses";
        server.say(person, "can I self refer to talking therapies");
        server.say(person, "Sam Jones");
        server.say(person, "3rd May 1950");
        assertThat(server.say(person, "no")).contains("postcode");
        assertThat(server.say(person, "DY8")).contains("doesn't look like a UK postcode");
        String help = server.say(person, "what can you do");
        assertThat(help).contains("I can help you find").contains("Let's carry on with: Make a referral").contains("postcode");
        assertThat(server.say(person, "DY8 1AB")).contains("phone number");
    }

    @Test
    void askingForAPersonMidReferralQueuesTheConversationWithWhatWasCollected() throws Exception {
        String person = "wants-a-person";
        server.say(person, "can I self refer to talking therapies");
        server.say(person, "Sam Jones");
        String reply = server.say(person, "can I speak to a real person");

        assertThat(reply).contains("care navigator").contains("Let's carry on with: Make a referral");
        assertThat(RunningServer.await(server.signpost().stores().escalations().waiting()))
                .anySatisfy(escalation -> {
                    assertThat(escalation.conversationId()).isEqualTo(person);
                    assertThat(escalation.details()).containsEntry("person_name", "Sam Jones");
                });
    }

    @Test
    void aProfessionalReferralAsksForTheReferrerAndSkipsWhatWasSaid() throws Exception {
        String gp = "gp-referrer";
        String first = server.say(gp, "I'd like to refer my patient to integrated plus");
        assertThat(first).contains("What is your name?");
        assertThat(server.say(gp, "Dr Asha Patel")).contains("role");
        assertThat(server.say(gp, "GP")).contains("organisation");
        assertThat(server.say(gp, "Netherton Health Centre")).contains("full name of the person");
    }

    @Test
    void typingTheButtonsWordsAnswersTheQuestionRatherThanAskingForAPerson() throws Exception {
        String person = "types-someone-else";
        assertThat(server.say(person, "I'd like to make a referral to talking therapies")).contains("Who is the referral for?");
        assertThat(server.say(person, "someone else")).doesNotContain("care navigator").contains("full name");
    }

    @Test
    void aServiceThatDoesNotTakeTheRouteIsRefusedPolitely() throws Exception {
        String person = "lighthouse-self";
        String reply = server.say(person, "I want to refer myself to lighthouse links");
        if (reply.contains("Who is the referral for?")) {
            reply = server.say(person, "/inform{\"relationship\": \"self\"}");
        }

        assertThat(reply).contains("Dudley Lighthouse Links doesn't take self-referrals").contains("care navigator");
    }

    @Test
    void cancellingMidReferralForgetsTheDetails() throws Exception {
        String person = "cancels";
        server.say(person, "can I self refer to talking therapies");
        server.say(person, "Sam Jones");
        assertThat(server.say(person, "/cancel")).contains("stopped");
        assertThat(server.say(person, "/make_referral")).contains("Which service do you mean?");
    }

    @Test
    void noConsentMeansNothingIsSent() throws Exception {
        String person = "no-consent";
        int before = RunningServer.await(server.signpost().stores().referrals().all()).size();
        server.say(person, "can I self refer to talking therapies");
        server.say(person, "Sam Jones");
        server.say(person, "3rd May 1950");
        server.say(person, "no");
        server.say(person, "DY8 1AB");
        server.say(person, "07700 900123");
        server.say(person, "my mood is very low");
        server.say(person, "/inform{\"urgency\": \"routine\"}");
        assertThat(server.say(person, "no")).contains("haven't sent anything");
        assertThat(RunningServer.await(server.signpost().stores().referrals().all())).hasSize(before);
    }
}
