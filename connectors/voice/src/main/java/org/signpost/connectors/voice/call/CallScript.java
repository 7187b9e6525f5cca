package org.signpost.connectors.voice.call;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiNetworkException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.signpost.connectors.voice.VoiceSettings;
import org.signpost.connectors.voice.listen.SpeechRecogniser;
import org.signpost.connectors.voice.speak.SpeechSynthesizer;
import org.signpost.core.conversation.Conversations;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.flow.SlotDefinition;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.UserMessage;
import org.signpost.core.turn.TurnProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI script {@code signpost}: each call Asterisk sends becomes a conversation on the
 * voice channel, keyed by the call's unique id. One instance serves every call, each on its own
 * thread; all state of a call lives in its {@link Call}.
 */
public final class CallScript implements AgiScript {

    /** The script name in the dialplan: {@code AGI(agi://host:4573/signpost)}. */
    public static final String NAME = "signpost";
    /** Where Asterisk records callers, inside the spool. */
    public static final String RECORDINGS = "recordings";
    /** How long a turn may take before the caller is told something went wrong. */
    static final Duration TURN_TIMEOUT = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(CallScript.class);

    private final Turns turns;
    private final SpeechSynthesizer voice;
    private final SpeechRecogniser ears;
    private final Phrases phrases;
    private final Function<String, Optional<SlotDefinition>> slots;
    private final VoiceSettings settings;

    public CallScript(TurnProcessor processor, TrackerStore trackers, SpeechSynthesizer voice, SpeechRecogniser ears,
            Phrases phrases, Function<String, Optional<SlotDefinition>> slots, VoiceSettings settings) {
        this(processor::handle, trackers, voice, ears, phrases, slots, settings);
    }

    /** @param engine the replies to a message, as {@link TurnProcessor#handle} gives them */
    CallScript(Function<UserMessage, Future<List<BotMessage>>> engine, TrackerStore trackers, SpeechSynthesizer voice,
            SpeechRecogniser ears, Phrases phrases, Function<String, Optional<SlotDefinition>> slots, VoiceSettings settings) {
        this.turns = new Turns(engine, trackers, TURN_TIMEOUT);
        this.voice = Objects.requireNonNull(voice, "voice");
        this.ears = Objects.requireNonNull(ears, "ears");
        this.phrases = Objects.requireNonNull(phrases, "phrases");
        this.slots = Objects.requireNonNull(slots, "slots");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Deletes recordings older than {@code age} from {@code spool}: each is deleted once read, so
     * these are what a crash or a lost connection left.
     *
     * @return how many were deleted
     */
    public static int forgetRecordings(Path spool, Duration age) {
        return Call.Recordings.forgetOlderThan(spool.resolve(RECORDINGS), age);
    }

    /** The conversation of a call: Asterisk's unique id is unique per call on one Asterisk. */
    public static String conversationId(String uniqueId) {
        return "voice:" + uniqueId;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        String uniqueId = request.getUniqueId();
        if (uniqueId == null || uniqueId.isBlank()) {
            LOG.warn("A FastAGI request without agi_uniqueid was refused");
            channel.hangup();
            return;
        }
        String conversationId = conversationId(uniqueId);
        String reference = Conversations.reference(conversationId);
        // Only what a phone number can hold: the caller id is outside input, and goes into a payload.
        String callerNumber = request.getCallerIdNumber() == null ? "" : request.getCallerIdNumber().replaceAll("[^0-9+]", "");
        try {
            Call.End end = new Call(channel, conversationId, callerNumber, turns, voice, ears, phrases, slots, settings).run();
            if (end == Call.End.NO_QUEUE) {
                LOG.error("Call {} could not be put through: Asterisk has no Queue application (load app_queue)", reference);
            } else {
                LOG.info("Call {} ended: {}", reference, end.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        } catch (AgiHangupException e) {
            LOG.info("Call {} ended: the caller hung up", reference);
        } catch (AgiNetworkException e) {
            LOG.warn("Call {} ended: the connection to Asterisk was lost", reference);
        } catch (RuntimeException e) {
            // A fault on the way to the queue itself: the dialplan's fallback to the queue takes over.
            LOG.error("Call {} ended by a fault ({}): the dialplan's next step takes over", reference, e.getClass().getName());
        }
    }
}
