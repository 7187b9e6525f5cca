package org.signpost.server.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.speech.v1.RecognitionConfig;
import com.google.cloud.speech.v1.RecognizeRequest;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signpost.connectors.voice.asterisk.AgiCommand;
import org.signpost.connectors.voice.asterisk.EmulatedCall;
import org.signpost.connectors.voice.asterisk.EmulatedCall.Prompted;

/**
 * Calls to the phone line through an emulated Asterisk speaking FastAGI over TCP, with callers'
 * words recorded as real audio and recognised by the real Google Speech client against a fake
 * Speech service.
 */
class PhoneCallIT {

    private static final Pattern REFERENCE = Pattern.compile("S P - ([A-Z0-9] ?){6}|SP-[A-Z0-9]{6}");

    private static PhoneServer phone;

    @BeforeAll
    static void start() throws Exception {
        phone = PhoneServer.withSpeech();
    }

    @AfterAll
    static void stop() throws Exception {
        phone.close();
    }

    @Test
    void aCallerSaysWhatTheyNeedAndHearsWhereToGo() throws Exception {
        try (EmulatedCall call = phone.dial("07700900123")) {
            Prompted greeting = call.listen();
            assertThat(call.commands().get(0).name()).isEqualTo("ANSWER");
            assertThat(greeting.heard().get(0)).contains("emergency").contains("dial 9 9 9");
            assertThat(greeting.said()).contains("Signpost").contains("Press 1 for");
            AgiCommand record = greeting.waitingWith().orElseThrow();
            assertThat(record.name()).isEqualTo("RECORD FILE");
            // RECORD FILE "<spool>/recordings/x" "wav" "<any key>" <ms> 0 s=2: no beep, any key ends it.
            assertThat(record.argument(0)).startsWith(phone.spool.toString());
            assertThat(record.argument(1)).isEqualTo("wav");
            assertThat(record.argument(2)).contains("#").contains("0").contains("9");
            assertThat(record.line()).doesNotContain("BEEP").endsWith("s=2");

            call.say("I need help with falls in Halesowen");
            Prompted found = call.listen();
            assertThat(found.said()).contains("Dudley Falls Prevention Service");

            RecognizeRequest request = phone.speech.requests().get(phone.speech.requests().size() - 1);
            RecognitionConfig config = request.getConfig();
            assertThat(config.getEncoding()).isEqualTo(RecognitionConfig.AudioEncoding.LINEAR16);
            assertThat(config.getSampleRateHertz()).isEqualTo(8_000);
            assertThat(config.getLanguageCode()).isEqualTo("en-GB");
            assertThat(config.getModel()).isEqualTo("telephony");
            assertThat(config.getSpeechContexts(0).getPhrasesList()).contains("Halesowen", "Dudley Falls Prevention Service");
            assertThat(request.getAudio().getContent().size()).isGreaterThan(8_000);
            call.hangUp();
            call.awaitEnd();
        }
    }

    @Test
    void aReferralIsTakenByVoiceWithNumbersKeyedIn() throws Exception {
        String callId;
        try (EmulatedCall call = phone.dial("07700900123")) {
            callId = call.uniqueId();
            call.listen();
            call.say("can I self refer to talking therapies");
            assertThat(call.listen().said()).contains("full name");
            call.say("Sam Jones");
            Prompted dateOfBirth = call.listen();
            assertThat(dateOfBirth.said()).contains("date of birth").contains("key it in");
            call.press("0");   // the first key ends the recording; the rest are read with GET DATA
            assertThat(call.listen().waitingWith().orElseThrow().name()).isEqualTo("GET DATA");
            call.press("3051950");
            Prompted known = call.listen();
            assertThat(known.said()).contains("NHS number").contains("Press 1 for Yes");
            call.press("1");
            Prompted nhsNumber = call.listen();
            assertThat(nhsNumber.said()).contains("NHS number");
            call.press("9");
            call.listen();
            call.press("434765919");
            assertThat(call.listen().said()).contains("postcode");
            call.say("DY8 1AB");
            assertThat(call.listen().said()).contains("phone number");
            call.press("0");
            call.listen();
            call.press("7700900123");
            assertThat(call.listen().said()).contains("what help is needed");
            call.say("I have been feeling very low and anxious for months");
            assertThat(call.listen().said()).contains("How soon").contains("Press 2 for Soon");
            call.press("2");
            assertThat(call.listen().said()).contains("agree");
            call.press("1");
            Prompted summary = call.listen();
            assertThat(summary.said()).contains("Sam Jones").contains("Press 1 for Yes, send it");
            call.press("1");
            Prompted created = call.listen();
            assertThat(created.said()).contains("sent the referral");
            call.hangUp();
            call.awaitEnd();
        }
        List<String> said = phone.userLines(callId);
        assertThat(said).contains("Sam Jones", "DY8 1AB");
        String bot = phone.conversation(callId).getJsonArray("transcript").encode();
        Matcher reference = Pattern.compile("SP-[A-Z0-9]{6}").matcher(bot);
        assertThat(reference.find()).as("a reference in %s", bot).isTrue();
        HttpResponse<String> stored = phone.navigator.call("GET", "/api/referrals/" + reference.group(), null);
        assertThat(stored.statusCode()).isEqualTo(200);
        JsonObject details = new JsonObject(stored.body()).getJsonObject("details");
        assertThat(details.getString("nhs_number")).isEqualTo("9434765919");
        assertThat(details.getString("date_of_birth")).isEqualTo("1950-05-03");
        assertThat(details.getString("phone_number")).isEqualTo("+447700900123");
    }

    @Test
    void whenSpeechFailsTheKeypadTakesOver() throws Exception {
        try (EmulatedCall call = phone.dial("07700900123")) {
            call.listen();
            phone.speech.failWith(io.grpc.Status.UNAVAILABLE);
            try {
                call.say("find a service please");
                Prompted fallback = call.listen();
                assertThat(fallback.said()).contains("didn't catch that").contains("Press 1 for Help finding a service");
                assertThat(fallback.waitingWith().orElseThrow().name()).isEqualTo("GET DATA");
            } finally {
                phone.speech.recover();
            }
            call.press("1");
            Prompted categories = call.listen();
            assertThat(categories.said()).contains("What do you need help with");
            call.hangUp();
            call.awaitEnd();
        }
    }

    @Test
    void wordsHeardWithLowConfidenceAreNotTrustedAndTheKeypadIsOffered() throws Exception {
        try (EmulatedCall call = phone.dial("07700900123")) {
            call.listen();
            phone.mumbled("something about my mum");
            call.say("something about my mum");
            Prompted fallback = call.listen();
            assertThat(fallback.said()).contains("didn't catch that").contains("Press 1 for");
            assertThat(fallback.waitingWith().orElseThrow().name()).isEqualTo("GET DATA");
            call.hangUp();
            call.awaitEnd();
        }
    }

    @Test
    void aKeyPressedDuringAPromptStopsItAndChooses() throws Exception {
        try (EmulatedCall call = phone.dial("07700900123")) {
            call.pressDuringNextPrompt('1');
            Prompted greeting = call.listen();
            // The greeting was cut short by 1 ("Find a service"): its options were never read out,
            // and the next thing heard is the question of "Find a service".
            assertThat(greeting.said()).doesNotContain("Press 1 for help finding a service", "Press 1 for Find a service");
            assertThat(greeting.said()).contains("What do you need help with?");
            long prompts = call.commands().stream().filter(command -> command.is("STREAM FILE")).count();
            assertThat(greeting.heard()).hasSize((int) prompts);
            call.hangUp();
            call.awaitEnd();
        }
    }

    @Test
    void aSafetyPhraseGivesTheAdviceAndPutsTheCallerThroughToNavigatorsAtOnce() throws Exception {
        String callId;
        try (EmulatedCall call = phone.dial("07700900456")) {
            callId = call.uniqueId();
            call.listen();
            // The advice is not to be skipped: a key pressed during it does not cut it short.
            call.pressDuringNextPrompt('1');
            call.say("I want to end my life");
            Prompted transfer = call.listen();
            assertThat(transfer.isTransfer()).isTrue();
            assertThat(transfer.said()).contains("1 1 6, 1 2 3").contains("putting you through");
            assertThat(call.commands()).filteredOn(command -> command.is("STREAM FILE")).last()
                    .satisfies(prompt -> assertThat(prompt.argument(1)).isEmpty());
            assertThat(transfer.waitingWith().orElseThrow().line()).isEqualTo("EXEC \"Queue\" \"navigators\"");

            // While the caller waits in the queue, the console already shows who is calling and why.
            JsonObject escalation = phone.navigator.waiting().stream()
                    .filter(waiting -> waiting.getString("conversation_id").equals("voice:" + callId)).findFirst().orElseThrow();
            assertThat(escalation.getString("priority")).isEqualTo("safety");
            assertThat(escalation.getString("channel")).isEqualTo("voice");
            // Navigators can ring the caller back.
            assertThat(escalation.getJsonObject("details").getString("caller_number")).isEqualTo("07700900456");
            assertThat(phone.userLines(callId)).containsExactly("Called the phone line", "I want to end my life");
            call.putThrough();
            assertThat(call.listen().waitingWith().orElseThrow().name()).isEqualTo("HANGUP");
        }
    }

    @Test
    void zeroPutsTheCallerThroughToANavigator() throws Exception {
        String callId;
        try (EmulatedCall call = phone.dial("07700900789")) {
            callId = call.uniqueId();
            call.listen();
            call.press("0");
            Prompted transfer = call.listen();
            assertThat(transfer.isTransfer()).isTrue();
            call.awaitEnd();
        }
        assertThat(phone.navigator.waiting()).anyMatch(waiting -> waiting.getString("conversation_id").equals("voice:" + callId)
                && waiting.getString("priority").equals("routine"));
        assertThat(phone.userLines(callId)).contains("Pressed 0 for a care navigator");
    }

    @Test
    void whenNoNavigatorIsFreeTheCallerHearsTheyCanBeCalledBackAndTheRequestWaits() throws Exception {
        String callId;
        try (EmulatedCall call = phone.dial("07700900790")) {
            callId = call.uniqueId();
            call.listen();
            call.press("0");
            assertThat(call.listen().isTransfer()).isTrue();
            call.leaveQueue("JOINEMPTY");
            Prompted after = call.listen();
            assertThat(after.said()).contains("no care navigator can take your call").contains("call you back")
                    .contains("dial 9 9 9");
            assertThat(after.waitingWith().orElseThrow().name()).isEqualTo("HANGUP");
        }
        assertThat(phone.navigator.waiting()).anyMatch(waiting -> waiting.getString("conversation_id").equals("voice:" + callId)
                && waiting.getJsonObject("details").getString("caller_number").equals("07700900790"));
    }

    @Test
    void aNavigatorAnsweringFromTheQueueClaimsTheCallersEscalation() throws Exception {
        assertThat(phone.ami.awaitLogin(20)).as("the server logged in to AMI").isTrue();
        String callId;
        try (EmulatedCall call = phone.dial("07700900789")) {
            callId = call.uniqueId();
            call.listen();
            call.press("0");
            assertThat(call.listen().isTransfer()).isTrue();
            // Asterisk reports the queue member who answered; a pickup from another queue is not ours.
            phone.ami.agentConnect("billing", callId, "someone-else");
            phone.ami.agentConnect("navigators", callId, "nina");
            call.awaitEnd();
        }
        JsonObject handoff = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            handoff = phone.conversation(callId).getJsonObject("handoff");
            if (handoff.getString("state").equals("joined")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(handoff.getString("state")).isEqualTo("joined");
        assertThat(handoff.getString("navigator")).isEqualTo("nina");
        assertThat(phone.navigator.waiting()).noneMatch(waiting -> waiting.getString("conversation_id").equals("voice:" + callId));
        assertThat(phone.ami.actions()).anyMatch(action -> "Login".equalsIgnoreCase(action.get("action"))
                && "signpost".equals(action.get("username")));
    }

    @Test
    void aCallerWhoHangsUpMidTurnEndsTheCallCleanly() throws Exception {
        String callId;
        try (EmulatedCall call = phone.dial("07700900123")) {
            callId = call.uniqueId();
            call.listen();
            call.say("I need help with falls");
            call.hangUp();
            List<AgiCommand> after = call.awaitEnd();
            // Whatever the script still sent was refused as on a dead channel, and it stopped.
            assertThat(after.size()).isLessThan(5);
        }
        // The turn under way when the caller hung up was finished and kept, not left half-done.
        List<String> types = List.of();
        for (int attempt = 0; attempt < 50 && !types.contains("bot"); attempt++) {
            List<JsonObject> transcript = phone.conversation(callId).getJsonArray("transcript").stream()
                    .map(JsonObject.class::cast).toList();
            int said = transcript.stream().map(line -> line.getString("text")).toList().indexOf("I need help with falls");
            types = said < 0 ? List.of() : transcript.subList(said + 1, transcript.size()).stream()
                    .map(line -> line.getString("type")).toList();
            Thread.sleep(100);
        }
        assertThat(types).as("the bot's answer after the caller hung up").contains("bot");
    }

    @Test
    void twoHundredCallsAtOnceAreAllServed() throws Exception {
        int calls = 200;
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(calls);
        try {
            List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < calls; i++) {
                results.add(callers.submit(() -> {
                    try (EmulatedCall call = phone.dial("07700900123")) {
                        call.listen();
                        call.say("I need help with falls in Halesowen");
                        String found = call.listen().said();
                        call.hangUp();
                        call.awaitEnd();
                        return found;
                    }
                }));
            }
            for (java.util.concurrent.Future<String> result : results) {
                assertThat(result.get(120, java.util.concurrent.TimeUnit.SECONDS)).contains("Dudley Falls Prevention Service");
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
