package org.signpost.core.response;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code {name}} placeholders in response text: a name is a lower-case letter, then lower-case
 * letters, digits and underscores. Scanned by hand rather than with a regular expression: every
 * reply of every turn is filled, and the expression was 2% of a turn's processor time.
 */
public final class Template {

    private Template() {
    }

    /** The placeholder names used in {@code text}, in order of first use. */
    public static Set<String> variables(String text) {
        Set<String> names = new LinkedHashSet<>();
        for (int open = text.indexOf('{'); open >= 0; open = text.indexOf('{', open + 1)) {
            int close = placeholderEnd(text, open);
            if (close > 0) {
                names.add(text.substring(open + 1, close));
            }
        }
        return names;
    }

    /** Replaces each placeholder by its value; one without a value becomes empty. Text without any is returned as it is. */
    public static String fill(String text, Map<String, String> values) {
        StringBuilder filled = null;
        int copied = 0;
        for (int open = text.indexOf('{'); open >= 0; open = text.indexOf('{', open + 1)) {
            int close = placeholderEnd(text, open);
            if (close < 0) {
                continue;
            }
            if (filled == null) {
                filled = new StringBuilder(text.length() + 32);
            }
            filled.append(text, copied, open).append(values.getOrDefault(text.substring(open + 1, close), ""));
            copied = close + 1;
            open = close;
        }
        // The text itself when nothing was filled: every conversation's copy of a fixed reply is then one string.
        return filled == null ? text : filled.append(text, copied, text.length()).toString();
    }

    /** Where the placeholder opened by the brace at {@code open} closes, or -1 if that brace opens none. */
    private static int placeholderEnd(String text, int open) {
        int at = open + 1;
        if (at >= text.length() || !isLowerLetter(text.charAt(at))) {
            return -1;
        }
        for (at++; at < text.length(); at++) {
            char c = text.charAt(at);
            if (c == '}') {
                return at;
            }
            if (!isLowerLetter(c) && !(c >= '0' && c <= '9') && c != '_') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isLowerLetter(char c) {
        return c >= 'a' && c <= 'z';
    }
}
