package org.signpost.connectors.voice;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.signpost.connectors.voice.queue.AmiSettings;

/**
 * How the phone line is set up.
 *
 * @param port the FastAGI port Asterisk connects to (4573 by convention)
 * @param bindAddress the address the port is open on: loopback, for an Asterisk on the same host,
 *     unless set otherwise
 * @param allowedAsterisks besides the same host, the addresses calls are taken from: FastAGI has no
 *     authentication, so anyone else who connects is refused
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
public record VoiceSettings(int port, InetAddress bindAddress, Set<InetAddress> allowedAsterisks, Path spoolDirectory, String navigatorQueue, int maxCalls, Duration listenLimit,
        Duration silence, float minimumConfidence, Optional<String> speechEndpoint, boolean speechPlaintext,
        Optional<AmiSettings> ami) {

    public static final int DEFAULT_PORT = 4573;
    public static final String DEFAULT_QUEUE = "navigators";
    public static final int DEFAULT_MAX_CALLS = 300;
    public static final Duration DEFAULT_LISTEN_LIMIT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_SILENCE = Duration.ofSeconds(2);
    public static final float DEFAULT_MINIMUM_CONFIDENCE = 0.5f;

    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public VoiceSettings {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the FastAGI port must be between 1 and 65535, was " + port);
        }
        Objects.requireNonNull(bindAddress, "bindAddress");
        allowedAsterisks = Set.copyOf(allowedAsterisks);
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        Objects.requireNonNull(navigatorQueue, "navigatorQueue");
        if (!isQueueName(navigatorQueue)) {
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

    /** Whether Asterisk takes {@code name} for a queue name, as it appears in {@code EXEC Queue}. */
    public static boolean isQueueName(String name) {
        return QUEUE_NAME.matcher(name).matches();
    }

    /**
     * A keypad-only line on {@code port} of the loopback address, for an Asterisk on the same host,
     * spooling in {@code spoolDirectory}, with the defaults.
     */
    public static VoiceSettings of(int port, Path spoolDirectory) {
        return new VoiceSettings(port, InetAddress.getLoopbackAddress(), Set.of(), spoolDirectory, DEFAULT_QUEUE,
                DEFAULT_MAX_CALLS, DEFAULT_LISTEN_LIMIT, DEFAULT_SILENCE, DEFAULT_MINIMUM_CONFIDENCE, Optional.empty(), false,
                Optional.empty());
    }

    /** Open on {@code address}, taking calls from the same host and from {@code asterisks}. */
    public VoiceSettings withListener(InetAddress address, Set<InetAddress> asterisks) {
        return new VoiceSettings(port, address, asterisks, spoolDirectory, navigatorQueue, maxCalls, listenLimit, silence,
                minimumConfidence, speechEndpoint, speechPlaintext, ami);
    }

    /** Whether a FastAGI connection from {@code remote} is one of this line's Asterisks. */
    public boolean allows(InetAddress remote) {
        return remote != null && (remote.isLoopbackAddress() || allowedAsterisks.contains(remote));
    }

    public VoiceSettings withSpeech(String endpoint, boolean plaintext) {
        return new VoiceSettings(port, bindAddress, allowedAsterisks, spoolDirectory,
                navigatorQueue, maxCalls, listenLimit, silence, minimumConfidence,
                Optional.of(endpoint), plaintext, ami);
    }

    public VoiceSettings withNavigatorQueue(String queue) {
        return new VoiceSettings(port, bindAddress, allowedAsterisks, spoolDirectory,
                queue, maxCalls, listenLimit, silence, minimumConfidence,
                speechEndpoint, speechPlaintext, ami);
    }

    public VoiceSettings withMinimumConfidence(float confidence) {
        return new VoiceSettings(port, bindAddress, allowedAsterisks, spoolDirectory,
                navigatorQueue, maxCalls, listenLimit, silence, confidence,
                speechEndpoint, speechPlaintext, ami);
    }

    public VoiceSettings withMaxCalls(int calls) {
        return new VoiceSettings(port, bindAddress, allowedAsterisks, spoolDirectory,
                navigatorQueue, calls, listenLimit, silence, minimumConfidence,
                speechEndpoint, speechPlaintext, ami);
    }

    public VoiceSettings withAmi(AmiSettings manager) {
        return new VoiceSettings(port, bindAddress, allowedAsterisks, spoolDirectory,
                navigatorQueue, maxCalls, listenLimit, silence, minimumConfidence,
                speechEndpoint, speechPlaintext, Optional.of(manager));
    }

    @Override
    public String toString() {
        return "FastAGI on " + bindAddress.getHostAddress() + ":" + port
                + (allowedAsterisks.isEmpty() ? "" : " for " + allowedAsterisks.stream().map(InetAddress::getHostAddress).sorted()
                        .collect(Collectors.joining(", ")))
                + ", spool " + spoolDirectory + ", queue " + navigatorQueue
                + speechEndpoint.map(endpoint -> ", speech at " + endpoint).orElse(", keypad only");
    }
}
