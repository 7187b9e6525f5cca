package org.signpost.connectors.voice.listen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Google Speech-to-Text is and how long a caller waits for it.
 *
 * @param endpoint {@code host:port} of the Speech service ({@code [v6 address]:port} for IPv6)
 * @param plaintext true for a private or test endpoint reached without TLS and without credentials;
 *     false for Google's, reached over TLS with Application Default Credentials
 *     ({@code GOOGLE_APPLICATION_CREDENTIALS})
 * @param timeout how long one recognition may take, start to answer; past it the caller is told to
 *     use the keypad rather than left in silence
 * @param phraseHints words callers are likely to say that a general model mishears: service names,
 *     Dudley's towns and localities. Trimmed, blanks and duplicates dropped, and fitted to Google's
 *     limits (see {@link #MAX_PHRASES})
 */
public record SpeechSettings(String endpoint, boolean plaintext, Duration timeout, List<String> phraseHints) {

    public static final String GOOGLE_ENDPOINT = "speech.googleapis.com:443";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** A caller is waiting on the line in silence while a recognition runs. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

    /**
     * Google rejects a whole request (INVALID_ARGUMENT) whose speech context has a phrase longer
     * than 100 characters, or more phrases or characters than its limits (5,000 phrases and 100,000
     * characters a request now; 500 phrases and 10,000 characters in older quotas). One bad hint
     * would make every recognition on the line fail, so hints are fitted here instead: over-long
     * phrases are dropped and the first {@value #MAX_PHRASES} kept, which at 100 characters each is
     * within today's total too. Hints come from the service directory and the list of localities,
     * not from a person, so fitting them is better than refusing to start the phone line.
     */
    public static final int MAX_PHRASES = 500;

    public static final int MAX_PHRASE_LENGTH = 100;

    private static final Pattern HOST_AND_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):([0-9]{1,5})");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    public SpeechSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(phraseHints, "phraseHints");
        Matcher hostAndPort = HOST_AND_PORT.matcher(endpoint);
        if (!hostAndPort.matches()) {
            throw new IllegalArgumentException("the speech endpoint is host:port, e.g. " + GOOGLE_ENDPOINT
                    + ", was '" + endpoint + "'");
        }
        int port = Integer.parseInt(hostAndPort.group(2));
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the speech endpoint's port must be 1 to 65535, was " + port);
        }
        if (plaintext && endpoint.equalsIgnoreCase(GOOGLE_ENDPOINT)) {
            throw new IllegalArgumentException("plaintext is for a private or test endpoint: " + GOOGLE_ENDPOINT + " needs TLS");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the speech timeout must be positive, was " + timeout);
        }
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("the speech timeout is how long a caller waits in silence: at most "
                    + MAX_TIMEOUT + ", was " + timeout);
        }
        phraseHints = fitted(phraseHints);
    }

    /** Google's endpoint over TLS, a 5 second timeout and no phrase hints. */
    public static SpeechSettings google() {
        return new SpeechSettings(GOOGLE_ENDPOINT, false, DEFAULT_TIMEOUT, List.of());
    }

    /** Google's defaults but a plaintext endpoint without credentials: a private deployment or a test's fake. */
    public static SpeechSettings plaintext(String endpoint) {
        return new SpeechSettings(endpoint, true, DEFAULT_TIMEOUT, List.of());
    }

    public SpeechSettings withEndpoint(String newEndpoint, boolean newPlaintext) {
        return new SpeechSettings(newEndpoint, newPlaintext, timeout, phraseHints);
    }

    public SpeechSettings withTimeout(Duration newTimeout) {
        return new SpeechSettings(endpoint, plaintext, newTimeout, phraseHints);
    }

    public SpeechSettings withPhraseHints(List<String> newPhraseHints) {
        return new SpeechSettings(endpoint, plaintext, timeout, newPhraseHints);
    }

    /**
     * Trimmed with inner spaces collapsed, blanks dropped, duplicates dropped ignoring case (the
     * recogniser matches phrases regardless of case, so a duplicate only uses up the limit), phrases
     * over {@value #MAX_PHRASE_LENGTH} characters dropped, and the first {@value #MAX_PHRASES} kept:
     * list the phrases that matter most first.
     */
    private static List<String> fitted(List<String> hints) {
        List<String> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String hint : hints) {
            Objects.requireNonNull(hint, "phraseHints holds a null phrase");
            String phrase = WHITESPACE.matcher(hint.strip()).replaceAll(" ");
            if (phrase.isEmpty() || phrase.length() > MAX_PHRASE_LENGTH || !seen.add(phrase.toLowerCase(Locale.ROOT))) {
                continue;
            }
            kept.add(phrase);
            if (kept.size() == MAX_PHRASES) {
                break;
            }
        }
        return List.copyOf(kept);
    }

    @Override
    public String toString() {
        // The hints may be hundreds of phrases: settings are logged at start-up.
        return "SpeechSettings[endpoint=" + endpoint + ", plaintext=" + plaintext + ", timeout=" + timeout
                + ", phraseHints=" + phraseHints.size() + "]";
    }
}
