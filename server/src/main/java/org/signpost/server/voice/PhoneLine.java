package org.signpost.server.voice;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.signpost.connectors.voice.VoiceChannel;
import org.signpost.connectors.voice.VoiceSettings;
import org.signpost.connectors.voice.call.CallScript;
import org.signpost.connectors.voice.call.Phrases;
import org.signpost.connectors.voice.listen.GoogleSpeechRecogniser;
import org.signpost.connectors.voice.listen.SpeechRecogniser;
import org.signpost.connectors.voice.listen.SpeechSettings;
import org.signpost.connectors.voice.queue.QueuePickups;
import org.signpost.connectors.voice.speak.FliteSynthesizer;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.directory.Service;
import org.signpost.core.escalation.EscalationQueue;
import org.signpost.core.flow.Dialogue;
import org.signpost.core.flow.SlotDefinition;
import org.signpost.core.handoff.Handoffs;
import org.signpost.core.turn.TurnProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts the phone line together from the configuration, or says why it is off. */
public final class PhoneLine {

    private static final Logger LOG = LoggerFactory.getLogger(PhoneLine.class);
    private PhoneLine() {
    }

    public static VoiceChannel of(Optional<VoiceSettings> configured, Vertx vertx, TurnProcessor processor,
            TrackerStore trackers, EscalationQueue escalations, Handoffs handoffs, Dialogue dialogue, List<Service> directory) {
        if (configured.isEmpty()) {
            LOG.info("Phone line off (FASTAGI_PORT=0)");
            return VoiceChannel.off();
        }
        VoiceSettings settings = configured.get();
        Optional<FliteSynthesizer> voice = FliteSynthesizer.find(settings.spoolDirectory());
        if (voice.isEmpty()) {
            LOG.warn("Phone line off: it speaks with flite, which is not installed (Debian: apt-get install flite)");
            return VoiceChannel.off();
        }
        SpeechRecogniser ears = settings.speechEndpoint()
                .map(endpoint -> ears(endpoint, settings.speechPlaintext(), hints(dialogue, directory)))
                .orElse(SpeechRecogniser.KEYPAD_ONLY);
        if (!ears.isAvailable()) {
            LOG.info("Phone line without speech recognition: callers use the keypad. Set GOOGLE_APPLICATION_CREDENTIALS "
                    + "(or SPEECH_ENDPOINT) to let them speak; no offline recogniser handles 8 kHz telephone audio");
        }
        CallScript script = new CallScript(processor, trackers, voice.get(), ears, new Phrases(dialogue.responses()),
                dialogue::slot, settings);
        Optional<QueuePickups> pickups = settings.ami()
                .map(ami -> new QueuePickups(ami, settings.navigatorQueue(), vertx, escalations, handoffs));
        try {
            return VoiceChannel.on(settings, script, voice.get(), ears, dialogue.responses(), pickups);
        } catch (RuntimeException e) {
            ears.close();
            throw e;
        }
    }

    /** Google's client, or the keypad alone when it cannot be set up (no credentials found, say). */
    private static SpeechRecogniser ears(String endpoint, boolean plaintext, List<String> hints) {
        try {
            return GoogleSpeechRecogniser.connect(new SpeechSettings(endpoint, plaintext, SpeechSettings.DEFAULT_TIMEOUT, hints));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Speech recognition at {} could not be set up ({}): callers use the keypad", endpoint, e.getMessage());
            return SpeechRecogniser.KEYPAD_ONLY;
        }
    }

    /** What callers are likely to say that a general model may not know: services and places. */
    static List<String> hints(Dialogue dialogue, List<Service> directory) {
        List<String> hints = new ArrayList<>();
        directory.forEach(service -> hints.add(service.name()));
        dialogue.slot("locality").map(SlotDefinition::values).ifPresent(hints::addAll);
        return hints;
    }
}
