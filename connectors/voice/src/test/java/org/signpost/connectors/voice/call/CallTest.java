package org.signpost.connectors.voice.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.connectors.voice.VoiceChannel;
import org.signpost.connectors.voice.VoiceSettings;
import org.signpost.connectors.voice.asterisk.EmulatedCall;
import org.signpost.connectors.voice.asterisk.EmulatedCall.Prompted;
import org.signpost.connectors.voice.listen.Recognition;
import org.signpost.connectors.voice.listen.SpeechRecogniser;
import org.signpost.connectors.voice.speak.SpeechSynthesizer;
import org.signpost.connectors.voice.speak.SpokenText;
import org.signpost.connectors.voice.speak.SynthesisException;
import org.signpost.connectors.voice.speak.Wav;
import org.signpost.content.SourceLocation;
import org.signpost.core.conversation.InMemoryTrackerStore;
import org.signpost.core.conversation.StoreUnavailableException;
import org.signpost.core.event.EscalationRequested;
import org.signpost.core.flow.SlotDefinition;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.Button;
import org.signpost.core.message.UserMessage;
import org.signpost.core.response.Response;
import org.signpost.core.response.ResponseCatalog;
import org.signpost.core.response.ResponseVariant;

/**
 * How a call copes when something around it fails (the engine, the queue, Asterisk's sounds or
 * recordings) and who may place calls at all: the line's own script, served over real FastAGI to
 * an emulated Asterisk, with an engine each test scripts.
 */
class CallTest {

    /** What the line says, as markers the tests look for (the real words are in the dialog content). */
    private static final Map<String, String> SAID = Map.ofEntries(
            Map.entry(Phrases.EMERGENCY, "EMERGENCY"),
            Map.entry(Phrases.OPTION, "Press <key> for <option>."),
            Map.entry(Phrases.MORE, "MORE"),
            Map.entry(Phrases.NAVIGATOR_OPTION, "NAVIGATOR OPTION"),
            Map.entry(Phrases.KEY_IN, "KEY IN"),
            Map.entry(Phrases.NOT_HEARD, "NOT HEARD"),
            Map.entry(Phrases.NOT_AN_OPTION, "NOT AN OPTION"),
            Map.entry(Phrases.SPELL, "SPELL"),
            Map.entry(Phrases.NOT_SPELLED, "NOT SPELLED"),
            Map.entry(Phrases.TRANSFERRING, "TRANSFERRING"),
            Map.entry(Phrases.NO_ANSWER, "NO ANSWER"),
            Map.entry(Phrases.TROUBLE, "TROUBLE"),
            Map.entry(Phrases.NO_NAVIGATOR, "NO NAVIGATOR"),
            Map.entry(Phrases.CALL_BACK, "CALL BACK"),
            Map.entry(Phrases.NAVIGATOR_KEY_TITLE, "Pressed 0"),
            Map.entry(Phrases.CALL_STARTED_TITLE, "Called"));
    private static final BotMessage MENU = new BotMessage("How can I help?",
            List.of(new Button("Find a service", "/find_service"), new Button("Talk to someone", "/human_handoff")));

    @TempDir
    Path spool;
    private final InMemoryTrackerStore trackers = new InMemoryTrackerStore();
    private final AtomicInteger calls = new AtomicInteger();
    private VoiceChannel line;
    private int port;

    @AfterEach
    void hangUpTheLine() {
        if (line != null) {
            line.stop();
        }
    }

    @Test
    void aTurnThatFailsPutsTheCallerThroughToANavigatorInsteadOfHangingUp() throws Exception {
        start(message -> Future.failedFuture(new StoreUnavailableException("trackers", new IOException("down"))));
        try (EmulatedCall call = dial("07700900123")) {
            Prompted transfer = call.listen();
            assertThat(transfer.heard()).containsExactly("EMERGENCY", "TROUBLE", "TRANSFERRING");
            assertThat(transfer.waitingWith().orElseThrow().line()).isEqualTo("EXEC \"Queue\" \"navigators\"");
            call.putThrough();
            assertThat(call.listen().waitingWith().orElseThrow().name()).isEqualTo("HANGUP");
        }
    }

    @Test
    void aCallerWhoseRequestNeverReachedTheNavigatorsIsNotPromisedACallBack() throws Exception {
        start(message -> Future.failedFuture(new StoreUnavailableException("trackers", new IOException("down"))));
        try (EmulatedCall call = dial("07700900123")) {
            assertThat(call.listen().isTransfer()).isTrue();
            call.leaveQueue("TIMEOUT");
            Prompted after = call.listen();
            assertThat(after.heard()).containsExactly("NO NAVIGATOR");
            assertThat(after.waitingWith().orElseThrow().name()).isEqualTo("HANGUP");
        }
    }

    @Test
    void aQueueThatDoesNotExistIsNotTakenForAPutThrough() throws Exception {
        start(escalatingAtOnce());
        try (EmulatedCall call = dial("07700900123")) {
            assertThat(call.listen().isTransfer()).isTrue();
            // Asterisk's Queue() with an unknown queue name returns at once with QUEUESTATUS=UNKNOWN.
            call.leaveQueue("UNKNOWN");
            assertThat(call.listen().heard()).containsExactly("CALL BACK");
        }
    }

    @Test
    void whenPromptsCannotBeMadeTheCallerIsPutThroughWithoutWords() throws Exception {
        start(message -> Future.succeededFuture(List.of(BotMessage.text("UNSAYABLE"), MENU)));
        voice.failOn("UNSAYABLE");
        try (EmulatedCall call = dial("07700900123")) {
            Prompted transfer = call.listen();
            assertThat(transfer.isTransfer()).isTrue();
            assertThat(transfer.heard()).containsExactly("EMERGENCY");
            call.leaveQueue("JOINEMPTY");
            Prompted after = call.listen();
            assertThat(after.heard()).isEmpty();
            assertThat(after.waitingWith().orElseThrow().name()).isEqualTo("HANGUP");
        }
    }

    @Test
    void whenTheQueueLetsTheCallerGoTheyHearANavigatorCanCallThemBack() throws Exception {
        start(escalatingAtOnce());
        try (EmulatedCall call = dial("07700900123")) {
            assertThat(call.listen().isTransfer()).isTrue();
            call.leaveQueue("JOINEMPTY");
            Prompted after = call.listen();
            assertThat(after.heard()).containsExactly("CALL BACK");
            assertThat(after.waitingWith().orElseThrow().name()).isEqualTo("HANGUP");
            assertThat(call.commands()).anyMatch(command -> command.line().equals("GET VARIABLE \"QUEUESTATUS\""));
        }
    }

    @Test
    void aCallerWithoutANumberIsNotPromisedACallBack() throws Exception {
        start(escalatingAtOnce());
        try (EmulatedCall call = dial("")) {
            assertThat(call.listen().isTransfer()).isTrue();
            call.leaveQueue("TIMEOUT");
            assertThat(call.listen().heard()).containsExactly("NO NAVIGATOR");
        }
    }

    @Test
    void withoutAQueueApplicationTheCallerIsToldRatherThanLeftInSilence() throws Exception {
        start(escalatingAtOnce());
        try (EmulatedCall call = dial("07700900123")) {
            call.withoutQueueApplication();
            Prompted heard = call.listen();
            assertThat(heard.isTransfer()).isTrue();
            Prompted after = call.listen();
            assertThat(after.heard()).containsExactly("CALL BACK");
            assertThat(after.waitingWith().orElseThrow().name()).isEqualTo("HANGUP");
        }
    }

    @Test
    void aCallerPutThroughIsHungUpOnWhenTheNavigatorIsDoneSoTheDialplanDoesNotQueueThemAgain() throws Exception {
        start(escalatingAtOnce());
        try (EmulatedCall call = dial("07700900123")) {
            assertThat(call.listen().isTransfer()).isTrue();
            call.putThrough();
            Prompted after = call.listen();
            assertThat(after.heard()).isEmpty();
            assertThat(after.waitingWith().orElseThrow().name()).isEqualTo("HANGUP");
        }
    }

    @Test
    void aPromptAsteriskCannotPlayIsPassedOverAndNotTakenForAKey() throws Exception {
        start(message -> Future.succeededFuture(List.of(BotMessage.text("LOST PROMPT"), MENU)));
        voice.lose("LOST PROMPT");
        try (EmulatedCall call = dial("07700900123")) {
            Prompted menu = call.listen();
            // Then the menu, read by the key read (GET DATA) that waits for the caller.
            assertThat(menu.heard()).hasSize(3).startsWith("EMERGENCY", "How can I help?");
            assertThat(menu.heard().get(2)).startsWith("Press 1 for Find a service");
            assertThat(menu.waitingWith().orElseThrow().name()).isEqualTo("GET DATA");
            assertThat(call.commands()).anyMatch(command -> command.is("STREAM FILE") && command.argument(0).endsWith(
                    HexFormat.of().formatHex("LOST PROMPT".getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Test
    void textWithNothingToSayIsSkipped() throws Exception {
        start(message -> Future.succeededFuture(List.of(BotMessage.text("\uD83D\uDC4D"), MENU)));
        try (EmulatedCall call = dial("07700900123")) {
            Prompted menu = call.listen();
            assertThat(menu.heard()).hasSize(3).startsWith("EMERGENCY", "How can I help?");
            assertThat(call.commands().stream().filter(command -> command.is("STREAM FILE")).count()).isEqualTo(2);
            assertThat(menu.waitingWith().orElseThrow().name()).isEqualTo("GET DATA");
        }
    }

    @Test
    void whenAsteriskCannotRecordTheCallGoesOnByKeypad() throws Exception {
        start(message -> Future.succeededFuture(List.of(MENU)), HEARS_EVERYTHING);
        try (EmulatedCall call = dial("07700900123")) {
            call.recordingsFail();
            Prompted menu = call.listen();
            assertThat(call.commands()).anyMatch(command -> command.is("RECORD FILE"));
            assertThat(menu.waitingWith().orElseThrow().name()).isEqualTo("GET DATA");
            assertThat(menu.said()).contains("Press 1 for Find a service");
            call.press("1");
            call.listen();
        }
        assertThat(engineHeard).contains("/find_service");
    }

    @Test
    void wordsAreSpelledOnTheKeypadWhenTheCallerCannotSpeakThem() throws Exception {
        start(message -> Future.succeededFuture(List.of(BotMessage.text("What is your name?"))));
        try (EmulatedCall call = dial("07700900123")) {
            Prompted question = call.listen();
            assertThat(question.said()).contains("What is your name?").endsWith("SPELL");
            // GET DATA "<prompt>" 10000 80: room for 40 characters, time to find each key.
            assertThat(question.waitingWith().orElseThrow().line()).endsWith(" 10000 80");
            call.press("25");
            Prompted again = call.listen();
            assertThat(again.said()).startsWith("NOT SPELLED").endsWith("SPELL");
            // A key during the next question starts the spelling; the rest is read after it.
            call.pressDuringNextPrompt('3');
            call.press("742161" + "11" + "5163623274");
            Prompted afterBargeIn = call.listen();
            assertThat(afterBargeIn.waitingWith().orElseThrow().line()).startsWith("GET DATA \"silence/1\"");
            call.press("1938011102122");
            call.listen();
        }
        assertThat(engineHeard).containsExactly("SAM JONES", "DY8 1AB");
    }

    @Test
    void zeroOnItsOwnStillReachesANavigatorWhileSpelling() throws Exception {
        start(message -> Future.succeededFuture(List.of(BotMessage.text("What is your name?"))));
        try (EmulatedCall call = dial("07700900123")) {
            call.listen();
            call.press("0");
            call.listen();
        }
        assertThat(engineHeard).containsExactly("/human_handoff");
    }

    @Test
    void aKeyPressedWhereWordsAreWantedOffersSpellingToASpeakingCaller() throws Exception {
        start(message -> Future.succeededFuture(List.of(BotMessage.text("What is your name?"))), HEARS_EVERYTHING);
        try (EmulatedCall call = dial("07700900123")) {
            Prompted question = call.listen();
            assertThat(question.waitingWith().orElseThrow().name()).isEqualTo("RECORD FILE");
            call.press("7");
            Prompted spelling = call.listen();
            assertThat(spelling.said()).endsWith("SPELL");
            assertThat(spelling.waitingWith().orElseThrow().name()).isEqualTo("GET DATA");
            call.press("742161");
            call.listen();
        }
        assertThat(engineHeard).containsExactly("SAM");
    }

    @Test
    void aLineOpenToEveryAddressStillTakesCallsFromTheSameHost() throws Exception {
        // Which addresses are refused is OwnAsterisksOnlyTest's; here, the filter in front of a running line.
        start(message -> Future.succeededFuture(List.of(MENU)), SpeechRecogniser.KEYPAD_ONLY,
                settings -> settings.withListener(anyAddress(), Set.of()));
        try (EmulatedCall local = dial("07700900123")) {
            assertThat(local.listen().heard()).contains("EMERGENCY", "How can I help?");
        }
    }

    @Test
    void theSpoolIsSweptAsSoonAsTheLineStartsLeavingNothingAPreviousRunLeft() throws Exception {
        Path recordings = Files.createDirectories(spool.resolve(CallScript.RECORDINGS));
        Path stray = Files.write(recordings.resolve("voice_1-1.wav"), new byte[] {1});
        Files.setLastModifiedTime(stray, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        start(message -> Future.succeededFuture(List.of(MENU)));

        assertThat(voice.forgotten.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("prompts swept").isTrue();
        for (int attempt = 0; attempt < 100 && Files.exists(stray); attempt++) {
            Thread.sleep(50);
        }
        assertThat(stray).doesNotExist();
    }

    @Test
    void theSpoolSweepDeletesStrayRecordingsButNotFreshOnes() throws Exception {
        Path recordings = Files.createDirectories(spool.resolve(CallScript.RECORDINGS));
        Path stray = Files.write(recordings.resolve("voice_1-1.wav"), new byte[] {1});
        Files.setLastModifiedTime(stray, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path fresh = Files.write(recordings.resolve("voice_2-1.wav"), new byte[] {1});

        assertThat(CallScript.forgetRecordings(spool, Duration.ofMinutes(10))).isEqualTo(1);
        assertThat(stray).doesNotExist();
        assertThat(fresh).exists();
    }

    // --- the line under test ---

    /** A recogniser that hears every recording as "find a service", surely. */
    private static final SpeechRecogniser HEARS_EVERYTHING = new SpeechRecogniser() {
        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public Recognition recognise(byte[] linear16) {
            return Recognition.heard("find a service", 0.99f);
        }

        @Override
        public void close() {
        }
    };

    private final List<String> engineHeard = Collections.synchronizedList(new java.util.ArrayList<>());
    private ScriptedVoice voice;

    private void start(Function<UserMessage, Future<List<BotMessage>>> engine) throws IOException {
        start(engine, SpeechRecogniser.KEYPAD_ONLY);
    }

    private void start(Function<UserMessage, Future<List<BotMessage>>> engine, SpeechRecogniser ears) throws IOException {
        start(engine, ears, settings -> settings);
    }

    private void start(Function<UserMessage, Future<List<BotMessage>>> engine, SpeechRecogniser ears,
            Function<VoiceSettings, VoiceSettings> adjust) throws IOException {
        port = freePort();
        VoiceSettings settings = adjust.apply(VoiceSettings.of(port, spool));
        if (voice == null) {
            voice = new ScriptedVoice(spool);
        }
        Function<UserMessage, Future<List<BotMessage>>> listened = message -> {
            if (!message.text().startsWith(Call.GREETING)) {
                engineHeard.add(message.text());
            }
            return engine.apply(message);
        };
        ResponseCatalog responses = responses();
        CallScript script = new CallScript(listened, trackers, voice, ears, new Phrases(responses), CallTest::slot, settings);
        line = VoiceChannel.on(settings, script, voice, ears, responses, Optional.empty());
        line.start();
    }

    /** An engine that answers the greeting by asking for a navigator (as a safety reply does). */
    private Function<UserMessage, Future<List<BotMessage>>> escalatingAtOnce() {
        return message -> trackers.append(message.conversationId(),
                        List.of(new EscalationRequested(Instant.now(), "esc-" + calls.incrementAndGet(), "asked", "routine")))
                .map(stored -> List.of());
    }

    private EmulatedCall dial(String callerId) throws IOException {
        return EmulatedCall.dial("127.0.0.1", port, CallScript.NAME, "1795000000." + calls.incrementAndGet(), callerId,
                words -> {
                    throw new AssertionError("these callers use the keypad");
                });
    }

    /** The content knows one slot: where the caller's number is kept. */
    private static Optional<SlotDefinition> slot(String name) {
        return name.equals(Call.CALLER_NUMBER_SLOT) ? Optional.of(new SlotDefinition(name, List.of(), null, false, true,
                Map.of(), "", false, new SourceLocation("domain.yml", 1))) : Optional.empty();
    }

    private static ResponseCatalog responses() {
        Map<String, Response> responses = new HashMap<>();
        SAID.forEach((name, text) -> responses.put(name, new Response(name,
                List.of(new ResponseVariant(text, List.of(), Set.of())), new SourceLocation("voice.yml", 1))));
        return new ResponseCatalog(responses);
    }

    private static InetAddress anyAddress() {
        try {
            return InetAddress.getByName("0.0.0.0");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("a literal address is never looked up", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Prompts as the emulator hears them: a second of silence with its text beside it, made at
     * once (no flite needed). Text with nothing to say fails, as flite's synthesiser does; a
     * "lost" prompt has its text but no sound, as when Asterisk cannot read the spool.
     */
    private static final class ScriptedVoice implements SpeechSynthesizer {

        private final Path prompts;
        private final Set<String> lost = Collections.synchronizedSet(new java.util.HashSet<>());
        private final Set<String> unsayable = Collections.synchronizedSet(new java.util.HashSet<>());

        ScriptedVoice(Path spool) throws IOException {
            this.prompts = Files.createDirectories(spool.resolve("prompts"));
        }

        void lose(String text) {
            lost.add(text);
        }

        /** From the first time this text is asked for, no prompt can be made (flite broke). */
        void failOn(String text) {
            unsayable.add(text);
        }

        @Override
        public String prompt(String text) {
            if (SpokenText.of(text).isEmpty()) {
                throw new SynthesisException("nothing to say");
            }
            if (unsayable.contains(text)) {
                unsayable.addAll(SAID.values());
                throw new SynthesisException("flite failed");
            }
            Path prompt = prompts.resolve(HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)));
            try {
                Files.writeString(Path.of(prompt + ".txt"), text);
                if (!lost.contains(text)) {
                    Files.write(Path.of(prompt + ".wav"), Wav.of(Wav.TELEPHONE_RATE, new short[Wav.TELEPHONE_RATE]).bytes());
                }
            } catch (IOException e) {
                throw new SynthesisException(e.getMessage(), e);
            }
            return prompt.toString();
        }

        /** Counted down when the line sweeps its prompts. */
        final java.util.concurrent.CountDownLatch forgotten = new java.util.concurrent.CountDownLatch(1);

        @Override
        public int forget(Duration unusedFor) {
            forgotten.countDown();
            return 0;
        }
    }
}
