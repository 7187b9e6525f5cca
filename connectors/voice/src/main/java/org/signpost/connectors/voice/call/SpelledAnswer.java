package org.signpost.connectors.voice.call;

import java.util.Optional;

/**
 * Words spelled on a telephone keypad, for answers that need letters (a name, a postcode, a
 * referral reference) when the caller cannot speak them: no speech recognition on the line, or it
 * did not understand them. Each character takes two keys, the key that bears it and then its place
 * on that key, so nothing depends on how fast the caller presses (GET DATA cannot tell):
 *
 * <ul>
 *   <li>a letter: its key, then 1 to 4 (A is 2 1, B is 2 2, S is 7 4, Z is 9 4);</li>
 *   <li>a digit: its key, then 0 (8 is 8 0, 0 is 0 0);</li>
 *   <li>a space is 1 1, a hyphen 1 2, an apostrophe 1 3.</li>
 * </ul>
 *
 * "DY8 1AB" is 31 93 80 11 10 21 22. What is spelled goes to the engine as typed text, so the
 * slot's own checks (a postcode's shape, a reference's) decide, as for a chat user.
 */
final class SpelledAnswer {

    /** The longest answer, in characters: a name, a postcode, a short reason. */
    static final int MAX_CHARACTERS = 40;
    /** Two keys a character. */
    static final int MAX_KEYS = 2 * MAX_CHARACTERS;
    /** What each key bears, by place (1 first); the 1 key bears the separators. */
    private static final String[] KEYS = {"", " -'", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ"};

    private SpelledAnswer() {
    }

    /**
     * The text {@code keys} spell; empty when they spell nothing (no keys, an odd key left over,
     * a place a key does not have).
     */
    static Optional<String> text(String keys) {
        if (keys.isEmpty() || keys.length() % 2 != 0 || !keys.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < keys.length(); i += 2) {
            int key = keys.charAt(i) - '0';
            int place = keys.charAt(i + 1) - '0';
            if (place == 0) {
                text.append((char) ('0' + key));
            } else if (place <= KEYS[key].length()) {
                text.append(KEYS[key].charAt(place - 1));
            } else {
                return Optional.empty();
            }
        }
        String spelled = text.toString().strip().replaceAll(" +", " ");
        return spelled.isEmpty() ? Optional.empty() : Optional.of(spelled);
    }
}
