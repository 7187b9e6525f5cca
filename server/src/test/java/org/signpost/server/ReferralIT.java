package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.signpost.core.referral.Referral;

/** Referral conversations through the Rasa REST channel, as people would type them. */
class ReferralIT extends AgainstRunningServer {

    private static final Pattern REFERENCE = Pattern.compile("SP-[A-Z0-9]{6}");

    private static String say(String sender, String message) throws Exception {
        HttpResponse<String> response = server.postJson("/webhooks/rest/webhook",
                new JsonObject().put("sender", sender).put("message", message).encode());
        assertThat(response.statusCode()).isEqualTo(200);
        StringBuilder text = new StringBuilder();
        new JsonArray(response.body()).forEach(reply -> text.append(((JsonObject) reply).getString("text")).append('\n'));
        return text.toString();
    }

    @Test
    void aSelfReferralIsCheckedReadBackCorrectedAndStored() throws Exception {
        String me = "self-referrer";
        // "self refer" already says who it is for, and "talking therapies" which service.
        assertThat(say(me, "can I self refer to talking therapies")).contains("full name");
        assertThat(say(me, "Sam Jones")).contains("date of birth");
        assertThat(say(me, "next Tuesday")).contains("doesn't look like a date of birth");
        assertThat(say(me, "3rd May 1950")).contains("NHS number");
        assertThat(say(me, "yes")).contains("What is the NHS number?");
        assertThat(say(me, "943 476 5918")).contains("doesn't look right");
        assertThat(say(me, "943 476 5919")).contains("postcode");
        assertThat(say(me, "dy8 1ab")).contains("phone number");
        assertThat(say(me, "07700 900123")).contains("what help is needed");
        assertThat(say(me, "I've been feeling very low and anxious for months")).contains("How soon");
        assertThat(say(me, "/inform{\"urgency\": \"soon\"}")).contains("agree");
        String summary = say(me, "yes");
        assertThat(summary).contains("Sam Jones").contains("1950-05-03").contains("9434765919").contains("DY8 1AB")
                .contains("+447700900123").contains("feeling very low").contains("soon");
        assertThat(say(me, "no")).contains("What should I change?");
        assertThat(say(me, "the postcode is DY9 7AA")).contains("DY9 7AA").doesNotContain("DY8 1AB");
        String created = say(me, "yes that's right");

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
        assertThat(say(other, "any update on my referral " + reference.group())).contains("date of birth");
        assertThat(say(other, "03/05/1950")).contains("received, and waiting to be looked at");
        String stranger = "stranger";
        say(stranger, "check referral " + reference.group());
        assertThat(say(stranger, "01/01/1980")).contains("couldn't find a referral").doesNotContain("Talking");
    }

    @Test
    void anInvalidPostcodeIsAskedForAgainAndAQuestionOnTheWayIsAnsweredFirst() throws Exception {
        String person = "digresses";
        say(person, "can I self refer to talking therapies");
        say(person, "Sam Jones");
        say(person, "3rd May 1950");
        assertThat(say(person, "no")).contains("postcode");
        assertThat(say(person, "DY8")).contains("doesn't look like a UK postcode");
        String help = say(person, "what can you do");
        assertThat(help).contains("I can help you find").contains("Let's carry on with: Make a referral").contains("postcode");
        assertThat(say(person, "DY8 1AB")).contains("phone number");
    }

    @Test
    void askingForAPersonMidReferralQueuesTheConversationWithWhatWasCollected() throws Exception {
        String person = "wants-a-person";
        say(person, "can I self refer to talking therapies");
        say(person, "Sam Jones");
        String reply = say(person, "can I speak to a real person");

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
        String first = say(gp, "I'd like to refer my patient to integrated plus");
        assertThat(first).contains("What is your name?");
        assertThat(say(gp, "Dr Asha Patel")).contains("role");
        assertThat(say(gp, "GP")).contains("organisation");
        assertThat(say(gp, "Netherton Health Centre")).contains("full name of the person");
    }

    @Test
    void aServiceThatDoesNotTakeTheRouteIsRefusedPolitely() throws Exception {
        String person = "lighthouse-self";
        String reply = say(person, "I want to refer myself to lighthouse links");
        if (reply.contains("Who is the referral for?")) {
            reply = say(person, "/inform{\"relationship\": \"self\"}");
        }

        assertThat(reply).contains("Dudley Lighthouse Links doesn't take self-referrals").contains("care navigator");
    }

    @Test
    void cancellingMidReferralForgetsTheDetails() throws Exception {
        String person = "cancels";
        say(person, "can I self refer to talking therapies");
        say(person, "Sam Jones");
        assertThat(say(person, "/cancel")).contains("stopped");
        assertThat(say(person, "/make_referral")).contains("Which service do you mean?");
    }

    @Test
    void noConsentMeansNothingIsSent() throws Exception {
        String person = "no-consent";
        int before = RunningServer.await(server.signpost().stores().referrals().all()).size();
        say(person, "can I self refer to talking therapies");
        say(person, "Sam Jones");
        say(person, "3rd May 1950");
        say(person, "no");
        say(person, "DY8 1AB");
        say(person, "07700 900123");
        say(person, "my mood is very low");
        say(person, "/inform{\"urgency\": \"routine\"}");
        assertThat(say(person, "no")).contains("haven't sent anything");
        assertThat(RunningServer.await(server.signpost().stores().referrals().all())).hasSize(before);
    }
}
