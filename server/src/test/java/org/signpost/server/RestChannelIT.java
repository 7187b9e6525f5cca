package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.signpost.core.escalation.Escalation;
import org.signpost.core.escalation.Priority;

/** Conversations through the Rasa REST channel of a running server. */
class RestChannelIT extends AgainstRunningServer {

    private static JsonArray say(String sender, String message) throws Exception {
        HttpResponse<String> response = server.postJson("/webhooks/rest/webhook",
                new JsonObject().put("sender", sender).put("message", message).encode());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonArray replies = new JsonArray(response.body());
        assertThat(replies).isNotEmpty();
        for (Object reply : replies) {
            assertThat(((JsonObject) reply).getString("recipient_id")).isEqualTo(sender);
            assertThat(((JsonObject) reply).getString("text")).isNotBlank();
        }
        return replies;
    }

    private static String text(JsonArray replies) {
        StringBuilder all = new StringBuilder();
        replies.forEach(reply -> all.append(((JsonObject) reply).getString("text")).append('\n'));
        return all.toString();
    }

    @Test
    void findsAServiceInAConversation() throws Exception {
        JsonArray greeting = say("patient-1", "hello");
        assertThat(text(greeting)).contains("Signpost").contains("999");
        assertThat(greeting.getJsonObject(0).getJsonArray("buttons").getJsonObject(0).getString("payload"))
                .isEqualTo("/find_service");

        assertThat(text(say("patient-1", "is there anyone who can help my mum with falls"))).contains("Which part of Dudley");

        String results = text(say("patient-1", "we live in Sedgley"));
        assertThat(results).contains("for falls in North Dudley").contains("Dudley Falls Prevention Service")
                .contains("Is there anything else");
    }

    @Test
    void aPostcodeStandsForItsLocality() throws Exception {
        say("patient-10", "I need help with falls");

        assertThat(text(say("patient-10", "my postcode is dy8 1ab"))).contains("for falls in Stourbridge");
    }

    @Test
    void aPostcodeOutsideDudleyGetsTheNationalRouteAndIsRecordedAsAGap() throws Exception {
        say("patient-11", "/find_service{\"service_category\": \"physiotherapy\"}");

        assertThat(text(say("patient-11", "B1 1AA"))).contains("outside Dudley").contains("nhs.uk");
        assertThat(RunningServer.await(server.signpost().stores().gaps().all()))
                .anySatisfy(gap -> assertThat(gap.reason().id()).isEqualTo("out_of_area"));
    }

    @Test
    void aNeedNoServiceMeetsIsRecordedAsAGap() throws Exception {
        assertThat(text(say("patient-12", "/find_service{\"service_category\": \"physiotherapy\", \"locality\": \"Halesowen\"}")))
                .contains("couldn't find a service for physiotherapy in Halesowen");
        assertThat(RunningServer.await(server.signpost().stores().gaps().all())).anySatisfy(gap -> {
            assertThat(gap.category()).isEqualTo("physiotherapy");
            assertThat(gap.reason().id()).isEqualTo("no_service");
        });
    }

    @Test
    void answersAboutANamedServiceWithItsOpeningHours() throws Exception {
        String reply = text(say("patient-13", "what time does the sanctuary hub open"));

        assertThat(reply).contains("Dudley Sanctuary Hub").contains("DY1 1SA").containsAnyOf("open now until", "opens at");
    }

    @Test
    void saysHonestlyWhenAvailabilityIsNotKnown() throws Exception {
        String reply = text(say("gp-14", "is talking therapies accepting referrals at the moment"));

        assertThat(reply).contains("don't have current information").contains("Dudley Talking Therapies");
    }

    @Test
    void recordsFriendsAndFamilyTestFeedback() throws Exception {
        JsonArray question = say("patient-15", "I want to leave some feedback");
        assertThat(text(question)).contains("Overall, how was your experience of our service?");
        assertThat(question.getJsonObject(0).getJsonArray("buttons")).hasSize(6);
        assertThat(text(say("patient-15", "/inform{\"fft_rating\": \"Don't know\"}"))).contains("anything you'd like to tell us");
        assertThat(text(say("patient-15", "The falls team were lovely"))).contains("Thank you");

        assertThat(RunningServer.await(server.signpost().stores().feedback().all())).anySatisfy(feedback -> {
            assertThat(feedback.rating()).isEqualTo("Don't know");
            assertThat(feedback.comment()).isEqualTo("The falls team were lovely");
        });
    }

    @Test
    void aTypedRatingCountsToo() throws Exception {
        say("patient-16", "/feedback");
        assertThat(text(say("patient-16", "very good"))).contains("anything you'd like to tell us");
        assertThat(text(say("patient-16", "no"))).contains("Thank you");
    }

    @Test
    void asksTheAgeOnlyWhenServicesDifferByAge() throws Exception {
        assertThat(text(say("patient-18", "/find_service{\"service_category\": \"safeguarding\", \"locality\": \"Halesowen\"}")))
                .contains("How old");
        String results = text(say("patient-18", "she's 9"));
        assertThat(results).contains("Children's Services").doesNotContain("Adult safeguarding");

        assertThat(text(say("patient-19", "/find_service{\"service_category\": \"urgent care\", \"locality\": \"Halesowen\"}")))
                .doesNotContain("How old").contains("NHS 111");
    }

    @Test
    void aServiceThatTakesSelfReferralsOffersToReferThereAndThen() throws Exception {
        JsonArray found = say("patient-17", "/find_service{\"service_category\": \"mental health\", \"locality\": \"Stourbridge\", \"age\": \"40\"}");
        JsonObject talking = found.stream().map(JsonObject.class::cast)
                .filter(reply -> reply.getString("text").startsWith("Dudley Talking Therapies")).findFirst().orElseThrow();
        String payload = talking.getJsonArray("buttons").getJsonObject(0).getString("payload");

        assertThat(text(say("patient-17", payload))).contains("full name");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "how do I order my repeat prescription | NHS App",
        "I need to cancel my appointment on Tuesday | GP practice",
        "how do I register with a doctor | register",
        "when can I get my flu jab | pharmacy",
        "I need to see someone today | NHS 111",
        "I want to make a complaint about my care | PALS",
        "am I talking to a robot | computer program",
        "what can you do | find a health or care service",
        "bye for now | Goodbye",
        "book me a taxi | only help with health and care",
        "thanks that's helpful | You're welcome",
        "I look after my mum and I'm struggling | support for you as a carer",
    })
    void answersEveryEverydayRequestWithWhatToDoNext(String message, String expected) throws Exception {
        assertThat(text(say("everyday-" + Math.abs(message.hashCode()), message))).contains(expected);
    }

    @Test
    void aButtonPayloadSkipsTheClassifier() throws Exception {
        String results = text(say("patient-2", "/find_service{\"service_category\": \"carers\", \"locality\": \"Halesowen\", \"age\": \"52\"}"));

        assertThat(results).contains("for carers in Halesowen").contains("Carers support");
    }

    @Test
    void anEmergencySaysCall999AndAlertsANavigatorFirst() throws Exception {
        String reply = text(say("caller-3", "my dad has chest pain and is sweating"));

        assertThat(reply).contains("Call 999 now");
        List<Escalation> waiting = RunningServer.await(server.signpost().stores().escalations().waiting());
        assertThat(waiting).filteredOn(e -> e.conversationId().equals("caller-3"))
                .singleElement().satisfies(e -> assertThat(e.priority()).isEqualTo(Priority.SAFETY));
    }

    @Test
    void theSafetyScreenInterruptsAnyFlowAndQueuesTheConversationFirst() throws Exception {
        say("patient-7", "I need help with falls");
        String reply = text(say("patient-7", "actually I don't want to be here anymore"));

        assertThat(reply).contains("111").contains("option 2").contains("Samaritans").contains("116 123")
                .contains("SHOUT").contains("85258");
        Escalation first = RunningServer.await(server.signpost().stores().escalations().waiting()).get(0);
        assertThat(first.priority()).isEqualTo(Priority.SAFETY);
    }

    @Test
    void aNegatedSymptomIsNotAnEmergency() throws Exception {
        // The screen ignores the negated symptom; the classifier's reading of the rest stands.
        assertThat(text(say("patient-8", "no chest pain, I just need to order my repeat prescription")))
                .doesNotContain("999 now").contains("repeat prescriptions");
    }

    @Test
    void askingForAPersonQueuesAnEscalation() throws Exception {
        assertThat(text(say("patient-4", "can I talk to a real person please"))).contains("care navigator");

        assertThat(RunningServer.await(server.signpost().stores().escalations().waiting()))
                .anySatisfy(e -> assertThat(e.conversationId()).isEqualTo("patient-4"));
    }

    @Test
    void somethingUnclearIsClarifiedWithButtons() throws Exception {
        JsonArray replies = say("patient-5", "qwzx plonk vrr");

        assertThat(text(replies)).contains("not sure");
        assertThat(replies.getJsonObject(0).getJsonArray("buttons")).isNotEmpty();
    }

    @Test
    void metadataIsAccepted() throws Exception {
        HttpResponse<String> response = server.postJson("/webhooks/rest/webhook",
                "{\"sender\":\"patient-6\",\"message\":\"hi\",\"metadata\":{\"page\":\"/adult-care\"}}");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void curlsDefaultFormContentTypeIsReadAsJsonAsRasaDoes() throws Exception {
        HttpResponse<String> response = server.post("/webhooks/rest/webhook", "application/x-www-form-urlencoded",
                "{\"sender\":\"a\",\"message\":\"I'm 100% sure I need help\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonArray(response.body()).getJsonObject(0).getString("recipient_id")).isEqualTo("a");
    }
}
