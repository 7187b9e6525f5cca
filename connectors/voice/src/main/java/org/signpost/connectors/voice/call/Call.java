package org.signpost.connectors.voice.call;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.command.RecordFileCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.signpost.connectors.voice.VoiceSettings;
import org.signpost.connectors.voice.listen.Recognition;
import org.signpost.connectors.voice.listen.SpeechRecogniser;
import org.signpost.connectors.voice.speak.SpeechSynthesizer;
import org.signpost.connectors.voice.speak.SpokenText;
import org.signpost.connectors.voice.speak.SynthesisException;
import org.signpost.connectors.voice.speak.Wav;
import org.signpost.connectors.voice.spool.SpoolFiles;
import org.signpost.core.conversation.Conversations;
import org.signpost.core.flow.SlotDefinition;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.Button;
import org.signpost.core.message.Channel;
import org.signpost.core.message.UserMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One phone call, from the emergency line to a transfer or a hang-up. The caller hears each reply
 * and answers it by speaking or with the keypad: options are read as "press 1 for ...", numbers
 * can be keyed in, words spelled two keys a letter ({@link SpelledAnswer}), and a key pressed
 * during a prompt stops it (barge-in). When speech is not understood, or there is no speech
 * recognition, the keypad takes over. A turn that asks for a navigator (the caller asked, pressed
 * 0, or the safety screen fired) ends in the navigators' queue, after the escalation exists, so
 * the console shows the transcript before anyone answers; so does anything that breaks the call.
 *
 * <p>Blocking: it runs on the FastAGI thread of its call. A hang-up surfaces as
 * {@link org.asteriskjava.fastagi.AgiHangupException} from whichever command is running.
 */
final class Call {

    /** Keys that stop a prompt or a recording: any of them. */
    static final String ANY_KEY = "0123456789*#";
    /** A prompt nothing interrupts. */
    static final String NO_KEY = "";
    /** Asterisk's own second of silence, played while waiting for keys after a prompt. */
    static final String SILENCE = "silence/1";
    static final String GREETING = "/greet";
    /** The slot that keeps the caller's number for navigators (dialog content: domain.yml). */
    static final String CALLER_NUMBER_SLOT = "caller_number";
    static final String NAVIGATOR_PAYLOAD = "/human_handoff";
    /** What Asterisk adds to {@code RECORD FILE}'s -1 when it cannot open the file to record into. */
    static final String RECORDING_NOT_WRITTEN = "writefile";
    private static final Logger LOG = LoggerFactory.getLogger(Call.class);
    /** Unanswered questions in a row before the call is ended. */
    static final int MAX_MISSES = 3;
    static final int KEY_TIMEOUT_MILLIS = 6_000;
    /** Spelling takes longer between keys: each letter is found on the keypad, then its place. */
    static final int SPELL_TIMEOUT_MILLIS = 10_000;

    /** A caller's answer to one question: what the engine is told next. */
    private record Answer(String text, Map<String, String> metadata) {
    }

    /**
     * What one listen produced: keys (all of a keyed-in answer when {@code complete}, else the key
     * that stopped a prompt or a recording), words, or nothing; {@code unclear} when speech was
     * heard but not understood.
     */
    private record Heard(String keys, boolean complete, Optional<String> words, boolean unclear) {

        static Heard key(char key) {
            return new Heard(String.valueOf(key), false, Optional.empty(), false);
        }

        static Heard keys(String keys) {
            return new Heard(keys, true, Optional.empty(), false);
        }

        static Heard words(String words) {
            return new Heard("", false, Optional.of(words), false);
        }

        static Heard nothing() {
            return new Heard("", false, Optional.empty(), false);
        }

        static Heard notUnderstood() {
            return new Heard("", false, Optional.empty(), true);
        }
    }

    private final AgiChannel line;
    private final String conversationId;
    private final String callerNumber;
    private final Turns turns;
    private final SpeechSynthesizer voice;
    private final SpeechRecogniser ears;
    private final Phrases phrases;
    private final Function<String, Optional<SlotDefinition>> slots;
    private final VoiceSettings settings;
    private int recordings;
    /** Asterisk could not write a recording: the rest of the call is by keypad. */
    private boolean recordingFails;
    /** Prompts can no longer be made: what is left to do is done without words. */
    private boolean mute;
    /** Navigators have this call's request, with the number to call back. */
    private boolean numberWithRequest;

    Call(AgiChannel line, String conversationId, String callerNumber, Turns turns, SpeechSynthesizer voice,
            SpeechRecogniser ears, Phrases phrases, Function<String, Optional<SlotDefinition>> slots, VoiceSettings settings) {
        this.line = line;
        this.conversationId = conversationId;
        this.callerNumber = callerNumber;
        this.turns = turns;
        this.voice = voice;
        this.ears = ears;
        this.phrases = phrases;
        this.slots = slots;
        this.settings = settings;
    }

    /** How the call ended, for the log. */
    enum End {
        /** Put through to a navigator (or waiting for one when the caller left the queue). */
        TRANSFERRED,
        /** The queue did not put the caller through: nobody free, a full queue, too long a wait, no such queue. */
        NOT_PUT_THROUGH,
        /** Asterisk has no Queue application: the dialplan or modules need fixing. */
        NO_QUEUE,
        GOODBYE,
        NO_ANSWER
    }

    /** What {@code EXEC} answers when Asterisk has no application of that name. */
    static final int NO_SUCH_APPLICATION = -2;
    /**
     * Set by the queue when the caller leaves it without being put through (TIMEOUT, FULL,
     * JOINEMPTY, UNKNOWN for a queue that does not exist...): unset means a navigator answered.
     */
    static final String QUEUE_STATUS = "QUEUESTATUS";

    End run() throws AgiException {
        line.answer();
        try {
            return converse();
        } catch (Turns.TurnFailedException e) {
            // The bot cannot go on, but a person can: a caller is never left with a dead line.
            LOG.error("Call {}: a turn failed ({}): putting the caller through to the navigators", reference(),
                    e.getCause() == null ? e.getClass().getName() : e.getCause().getClass().getName());
        } catch (SynthesisException e) {
            // Whatever else would be said may fail the same way: the caller is put through without words.
            LOG.error("Call {}: a prompt could not be made: putting the caller through to the navigators", reference());
            mute = true;
        } catch (RuntimeException e) {
            // The class only: a message could quote what the caller said.
            LOG.error("Call {}: a fault ({}): putting the caller through to the navigators", reference(),
                    e.getClass().getName());
        }
        announce(Phrases.TROUBLE);
        return transfer();
    }

    /** The conversation, turn by turn, until a transfer, a goodbye or silence. */
    private End converse() throws AgiException, Turns.TurnFailedException {
        // The first thing every caller hears, before anything can go wrong or be skipped.
        play(phrases.say(Phrases.EMERGENCY), NO_KEY);
        Optional<String> escalation = Optional.empty();
        // The call greets on the caller's behalf, and brings the number they rang from.
        boolean bringsNumber = !callerNumber.isEmpty() && slots.apply(CALLER_NUMBER_SLOT).isPresent();
        String greeting = bringsNumber ? GREETING + "{\"" + CALLER_NUMBER_SLOT + "\": \"" + callerNumber + "\"}" : GREETING;
        Turns.Reply reply = turns.take(message(new Answer(greeting,
                Map.of(UserMessage.BUTTON_TITLE, phrases.say(Phrases.CALL_STARTED_TITLE)))));
        while (true) {
            Optional<String> raised = reply.state().escalationId();
            if (raised.isPresent() && !raised.equals(escalation)) {
                // Advice first (a safety reply says what to do now), then the queue.
                sayAll(reply.messages());
                // Navigators see this request, with the number when the call brought it.
                numberWithRequest = bringsNumber;
                return transfer();
            }
            escalation = raised;
            if (reply.farewell()) {
                sayAll(reply.messages());
                line.hangup();
                return End.GOODBYE;
            }
            Optional<Answer> answer = ask(reply);
            if (answer.isEmpty()) {
                play(phrases.say(Phrases.NO_ANSWER), NO_KEY);
                line.hangup();
                return End.NO_ANSWER;
            }
            reply = turns.take(message(answer.get()));
        }
    }

    /**
     * Puts the caller in the navigators' queue. When the queue lets them go without a navigator,
     * or there is no queue, they are told so rather than left to silence: that a navigator can
     * call them back only when navigators have their request and number.
     */
    private End transfer() throws AgiException {
        announce(Phrases.TRANSFERRING);
        // Unset, so what the queue sets is about this call only.
        line.setVariable(QUEUE_STATUS, "");
        int result = line.exec("Queue", settings.navigatorQueue());
        End end;
        if (result == NO_SUCH_APPLICATION) {
            end = End.NO_QUEUE;
        } else {
            try {
                String status = line.getVariable(QUEUE_STATUS);
                if (status == null || status.isEmpty()) {
                    // Put through, and the navigator has finished: the dialplan's fallback to the
                    // queue is for a Signpost that went away, not for this.
                    line.hangup();
                    return End.TRANSFERRED;
                }
            } catch (AgiHangupException e) {
                // The caller's time in the queue ended with the call: they were there, or put through.
                return End.TRANSFERRED;
            }
            end = End.NOT_PUT_THROUGH;
        }
        announce(numberWithRequest ? Phrases.CALL_BACK : Phrases.NO_NAVIGATOR);
        line.hangup();
        return end;
    }

    /**
     * Says one of the line's own phrases to the end, on the way to a person: unless prompts can no
     * longer be made, in which case the caller goes on without it.
     */
    private void announce(String phrase) throws AgiException {
        if (mute) {
            return;
        }
        try {
            play(phrases.say(phrase), NO_KEY);
        } catch (SynthesisException e) {
            LOG.error("Call {}: a prompt could not be made: the caller goes on without words", reference());
            mute = true;
        }
    }

    private String reference() {
        return Conversations.reference(conversationId);
    }

    /** Says the reply and gets the caller's answer; empty when the caller stays silent. */
    private Optional<Answer> ask(Turns.Reply reply) throws AgiException {
        Menu menu = reply.menu();
        Optional<KeyedAnswer> keyed = reply.state().requestedSlot()
                .flatMap(request -> slots.apply(request.slot()))
                .flatMap(KeyedAnswer::forSlot);
        Optional<Character> key = Optional.empty();
        for (BotMessage message : reply.messages()) {
            key = play(message.text(), ANY_KEY);
            if (key.isPresent()) {
                break;
            }
        }
        // Neither options nor a number: words, which the keypad can spell (SpelledAnswer).
        boolean spelled = menu.isEmpty() && keyed.isEmpty();
        boolean keypad = !ears.isAvailable() || recordingFails;
        int page = 0;
        int misses = 0;
        int unclear = 0;
        while (misses < MAX_MISSES) {
            Heard heard;
            if (key.isPresent()) {
                heard = Heard.key(key.get());
                key = Optional.empty();
            } else {
                heard = listen(prompt(menu, page, keyed, keypad), keypad,
                        spelled ? SpelledAnswer.MAX_KEYS : keyed.map(KeyedAnswer::maxDigits).orElse(1),
                        spelled ? SPELL_TIMEOUT_MILLIS : KEY_TIMEOUT_MILLIS);
            }
            if (heard.words().isPresent()) {
                return Optional.of(new Answer(heard.words().get(), Map.of()));
            }
            if (spelled && !heard.keys().isEmpty() && !heard.keys().equals(String.valueOf(Menu.NAVIGATOR))) {
                if (!keypad) {
                    // A key where words were wanted: the caller would rather spell them.
                    keypad = true;
                    continue;
                }
                // A key that stopped a prompt began the spelling; GET DATA reads the rest.
                String keys = heard.complete() ? heard.keys()
                        : heard.keys() + keys(line.getData(SILENCE, SPELL_TIMEOUT_MILLIS, SpelledAnswer.MAX_KEYS - 1));
                Optional<String> text = SpelledAnswer.text(keys);
                if (text.isPresent()) {
                    return Optional.of(new Answer(text.get(), Map.of()));
                }
                play(phrases.say(Phrases.NOT_SPELLED), NO_KEY);
                misses++;
                continue;
            }
            if (!heard.keys().isEmpty()) {
                char pressed = heard.keys().charAt(0);
                // A number being keyed in may start with 0 (a phone number, a date): it is not the navigator key.
                if (keyed.isPresent() && Character.isDigit(pressed)) {
                    String digits = heard.complete() ? heard.keys()
                            : pressed + keys(line.getData(SILENCE, KEY_TIMEOUT_MILLIS, keyed.get().maxDigits() - 1))
                                    .replaceAll("[^0-9]", "");
                    return Optional.of(new Answer(keyed.get().text(digits), Map.of()));
                }
                if (pressed == Menu.NAVIGATOR) {
                    return Optional.of(new Answer(NAVIGATOR_PAYLOAD,
                            Map.of(UserMessage.BUTTON_TITLE, phrases.say(Phrases.NAVIGATOR_KEY_TITLE))));
                }
                if (!menu.isEmpty() && pressed == Menu.MORE && menu.pages() > 1) {
                    page = menu.next(page);
                    continue;
                }
                Optional<Button> chosen = menu.isEmpty() ? Optional.empty() : menu.choose(page, pressed);
                if (chosen.isPresent()) {
                    return Optional.of(new Answer(chosen.get().payload(), Map.of(UserMessage.BUTTON_TITLE, chosen.get().title())));
                }
                play(phrases.say(Phrases.NOT_AN_OPTION), NO_KEY);
                misses++;
                continue;
            }
            misses++;
            unclear += heard.unclear() ? 1 : 0;
            // Speech did not work for this answer: options and numbers go to the keypad at once,
            // words after a second try, since spelling them is slower than saying them again.
            if (recordingFails || unclear > (spelled ? 1 : 0)) {
                keypad = true;
            }
            if (misses < MAX_MISSES) {
                key = play(phrases.say(Phrases.NOT_HEARD), ANY_KEY);
            }
        }
        return Optional.empty();
    }

    /**
     * What to say before listening: the current page of options, or how to key in a number.
     * Said last, it is the prompt the keypad wait plays, so a key stops it.
     */
    private String prompt(Menu menu, int page, Optional<KeyedAnswer> keyed, boolean keypad) {
        StringBuilder prompt = new StringBuilder();
        if (!menu.isEmpty()) {
            List<Button> options = menu.page(page);
            for (int i = 0; i < options.size(); i++) {
                prompt.append(phrases.option((char) ('1' + i), options.get(i).title())).append(' ');
            }
            if (menu.pages() > 1) {
                prompt.append(phrases.say(Phrases.MORE)).append(' ');
            }
            prompt.append(phrases.say(Phrases.NAVIGATOR_OPTION));
        } else if (keyed.isPresent()) {
            prompt.append(phrases.say(Phrases.KEY_IN));
        } else if (keypad) {
            prompt.append(phrases.say(Phrases.SPELL));
        }
        return prompt.toString().strip();
    }

    /**
     * Waits for the caller's answer after {@code prompt}: by keypad ({@code GET DATA}, the prompt
     * as its sound), or by voice ({@code RECORD FILE} with silence detection, any key ending it).
     */
    private Heard listen(String prompt, boolean keypad, int maxDigits, int timeoutMillis) throws AgiException {
        if (keypad) {
            String keys = keys(line.getData(prompt.isEmpty() ? SILENCE : voice.prompt(prompt), timeoutMillis, maxDigits));
            return keys.isEmpty() ? Heard.nothing() : Heard.keys(keys);
        }
        if (!prompt.isEmpty()) {
            Optional<Character> key = play(prompt, ANY_KEY);
            if (key.isPresent()) {
                return Heard.key(key.get());
            }
        }
        Path recording = settings.spoolDirectory().resolve(CallScript.RECORDINGS)
                .resolve(Recordings.name(conversationId, ++recordings));
        try {
            AgiReply reply = line.sendCommand(new RecordFileCommand(recording.toString(), "wav", ANY_KEY,
                    (int) settings.listenLimit().toMillis(), 0, false, (int) settings.silence().toSeconds()));
            int result = reply.getResultCode();
            if (result < 0 && RECORDING_NOT_WRITTEN.equals(reply.getExtra())) {
                // Asterisk cannot write into the spool: speech cannot work on this call, keys can.
                LOG.error("Call {}: Asterisk could not record into {} (check that it may write there): "
                        + "the caller uses the keypad", reference(), recording.getParent());
                recordingFails = true;
                return Heard.notUnderstood();
            }
            if (result < 0) {
                // "(hangup)", or the channel failed: either way the caller is gone.
                throw new AgiHangupException();
            }
            if (result > 0) {
                return Heard.key((char) result);
            }
            Path wav = Path.of(recording + ".wav");
            Optional<byte[]> audio = Recordings.samples(wav);
            if (audio.isEmpty()) {
                return Heard.nothing();
            }
            Recognition recognition = ears.recognise(audio.get());
            if (recognition.isTrusted(settings.minimumConfidence())) {
                return Heard.words(recognition.transcript());
            }
            return recognition.outcome() == Recognition.Outcome.NOTHING ? Heard.nothing() : Heard.notUnderstood();
        } finally {
            Recordings.delete(recording);
        }
    }

    /** Plays every message to the end: what comes before a transfer or a goodbye is not skipped. */
    private void sayAll(List<BotMessage> messages) throws AgiException {
        for (BotMessage message : messages) {
            play(message.text(), NO_KEY);
        }
    }

    /**
     * Plays {@code text}; the key that stopped it, if one did. Text with nothing to say (only
     * emoji, say) is skipped. A prompt Asterisk cannot play is logged and passed over: the call
     * goes on, and what follows still offers the navigator.
     */
    private Optional<Character> play(String text, String escapeKeys) throws AgiException {
        if (SpokenText.of(text).isEmpty()) {
            return Optional.empty();
        }
        String prompt = voice.prompt(text);
        int result = line.sendCommand(new StreamFileCommand(prompt, escapeKeys)).getResultCode();
        if (result < 0) {
            // -1 also answers a hang-up, which the next command reports with a HANGUP.
            LOG.warn("Call {}: Asterisk could not play {} (can it read the spool?)", reference(), prompt);
            return Optional.empty();
        }
        return result == 0 ? Optional.empty() : Optional.of((char) result);
    }

    private UserMessage message(Answer answer) {
        return new UserMessage(conversationId, Channel.VOICE, answer.text(), answer.metadata());
    }

    /** What GET DATA read: keys only. Asterisk answers a read cut short by a hang-up with -1. */
    private static String keys(String read) throws AgiHangupException {
        if ("-1".equals(read)) {
            throw new AgiHangupException();
        }
        return read == null ? "" : read.replaceAll("[^0-9*#]", "");
    }

    /** Recordings hold what callers said: read once, then deleted. */
    static final class Recordings {

        private Recordings() {
        }

        static String name(String conversationId, int number) {
            return conversationId.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + number;
        }

        /**
         * What the caller said, as 8 kHz LINEAR16 samples; empty when there is no recording or
         * it holds no sound. A wideband channel records at 16 kHz: it is brought down to 8 kHz.
         */
        static Optional<byte[]> samples(Path wav) {
            try {
                if (!Files.isRegularFile(wav)) {
                    return Optional.empty();
                }
                Wav recording = Wav.read(wav);
                if (recording.samples().length == 0) {
                    return Optional.empty();
                }
                return Optional.of((recording.sampleRate() == Wav.TELEPHONE_RATE ? recording
                        : recording.resampledTo(Wav.TELEPHONE_RATE)).pcm());
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        static void delete(Path recording) {
            try {
                Files.deleteIfExists(Path.of(recording + ".wav"));
            } catch (IOException e) {
                // Left for the spool's sweep (forgetOlderThan).
            }
        }

        static int forgetOlderThan(Path recordings, Duration age) {
            int forgotten = 0;
            for (Path stray : SpoolFiles.unusedSince(recordings, Instant.now().minus(age))) {
                try {
                    forgotten += Files.deleteIfExists(stray) ? 1 : 0;
                } catch (IOException e) {
                    // Not ours to delete, or gone: the next sweep looks again.
                }
            }
            return forgotten;
        }
    }
}
