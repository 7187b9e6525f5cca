package org.signpost.connectors.voice;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.signpost.connectors.voice.queue.AmiSettings;

/**
 * How the phone line is set up.
 *
 * @param port the FastAGI port Asterisk connects to (4573 by convention)
 * @param spoolDirectory a directory Asterisk and Signpost both see at the same path: prompts are
 *     written there for Asterisk to play, and Asterisk records callers there for Signpost to read
 * @param navigatorQueue the Asterisk queue a transfer puts the caller in
 * @param maxCalls calls served at once (each holds a thread while it lasts)
 * @param listenLimit the longest a caller may speak in one answer
 * @param silence how long a pause ends an answer
 * @param minimumConfidence below this, a transcript is not trusted and the caller is offered the keypad
 * @param speechEndpoint the Google Speech-to-Text endpoint (host:port), when speech recognition is on;
 *     empty for a keypad-only line
 * @param speechPlaintext talk to {@code speechEndpoint} without TLS or credentials (a private or test endpoint)
 * @param ami Asterisk's Manager Interface, to hear when a navigator answers from the queue; empty without
 */
public record VoiceSettings(int port, Path spoolDirectory, String navigatorQueue, int maxCalls, Duration listenLimit,
        Duration silence, float minimumConfidence, Optional<String> speechEndpoint, boolean speechPlaintext,
        Optional<AmiSettings> ami) {

    public static final int DEFAULT_PORT = 4573;
    public static final String DEFAULT_QUEUE = "navigators";
    public static final int DEFAULT_MAX_CALLS = 300;
    public static final Duration DEFAULT_LISTEN_LIMIT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_SILENCE = Duration.ofSeconds(2);
    public static final float DEFAULT_MINIMUM_CONFIDENCE = 0.5f;

    public VoiceSettings {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the FastAGI port must be between 1 and 65535, was " + port);
        }
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        Objects.requireNonNull(navigatorQueue, "navigatorQueue");
        if (!navigatorQueue.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("the navigators' queue must be letters, digits, _ or -, was '" + navigatorQueue + "'");
        }
        if (maxCalls < 1) {
            throw new IllegalArgumentException("at least one call at a time, was " + maxCalls);
        }
        Objects.requireNonNull(listenLimit, "listenLimit");
        Objects.requireNonNull(silence, "silence");
        if (silence.toSeconds() < 1) {
            // Asterisk's RECORD FILE counts silence in whole seconds.
            throw new IllegalArgumentException("the silence that ends an answer must be at least a second");
        }
        if (!(minimumConfidence >= 0 && minimumConfidence <= 1)) {
            throw new IllegalArgumentException("the minimum confidence must be between 0 and 1, was " + minimumConfidence);
        }
        Objects.requireNonNull(speechEndpoint, "speechEndpoint");
        Objects.requireNonNull(ami, "ami");
    }

    /** A keypad-only line on {@code port}, spooling in {@code spoolDirectory}, with the defaults. */
    public static VoiceSettings of(int port, Path spoolDirectory) {
        return new VoiceSettings(port, spoolDirectory, DEFAULT_QUEUE, DEFAULT_MAX_CALLS, DEFAULT_LISTEN_LIMIT, DEFAULT_SILENCE,
                DEFAULT_MINIMUM_CONFIDENCE, Optional.empty(), false, Optional.empty());
    }

    public VoiceSettings withSpeech(String endpoint, boolean plaintext) {
        return new VoiceSettings(port, spoolDirectory, navigatorQueue, maxCalls, listenLimit, silence, minimumConfidence,
                Optional.of(endpoint), plaintext, ami);
    }

    public VoiceSettings withNavigatorQueue(String queue) {
        return new VoiceSettings(port, spoolDirectory, queue, maxCalls, listenLimit, silence, minimumConfidence,
                speechEndpoint, speechPlaintext, ami);
    }

    public VoiceSettings withMinimumConfidence(float confidence) {
        return new VoiceSettings(port, spoolDirectory, navigatorQueue, maxCalls, listenLimit, silence, confidence,
                speechEndpoint, speechPlaintext, ami);
    }

    public VoiceSettings withMaxCalls(int calls) {
        return new VoiceSettings(port, spoolDirectory, navigatorQueue, calls, listenLimit, silence, minimumConfidence,
                speechEndpoint, speechPlaintext, ami);
    }

    public VoiceSettings withAmi(AmiSettings manager) {
        return new VoiceSettings(port, spoolDirectory, navigatorQueue, maxCalls, listenLimit, silence, minimumConfidence,
                speechEndpoint, speechPlaintext, Optional.of(manager));
    }

    @Override
    public String toString() {
        return "FastAGI port " + port + ", spool " + spoolDirectory + ", queue " + navigatorQueue
                + speechEndpoint.map(endpoint -> ", speech at " + endpoint).orElse(", keypad only");
    }
}
