package org.signpost.nlu.entity;

import java.util.regex.Pattern;

/**
 * Whether every match of a regular expression contains a digit, read from the expression itself,
 * so that a message without digits (most messages) skips the patterns for numbers, postcodes and
 * phone numbers without running them. Conservative: only a digit the expression cannot do without
 * counts, that is a digit, {@code \d} or a class of digits only, at the top level (not inside a
 * group, which may be optional or one of several alternatives), not made optional by {@code ?},
 * {@code *} or a count from 0, in an expression with no top-level {@code |}. Anything it does not
 * understand makes it answer no, and the pattern always runs.
 */
final class DigitRequirement {

    private static final Pattern INLINE_COMMENTS = Pattern.compile("\\(\\?[a-zA-Z-]*x");

    private DigitRequirement() {
    }

    static boolean of(Pattern pattern) {
        String regex = pattern.pattern();
        // Literal text, and comments (where a digit may be only a remark), are beyond this reading.
        if ((pattern.flags() & (Pattern.LITERAL | Pattern.COMMENTS)) != 0 || INLINE_COMMENTS.matcher(regex).find()
                || regex.contains("\\Q")) {
            return false;
        }
        boolean required = false;
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            int end;
            boolean digit;
            if (c == '|' || "{?*+".indexOf(c) >= 0) {
                // An alternative, or a quantifier with nothing (more) to repeat: Java accepts "{2}b".
                return false;
            } else if (c == '(') {
                end = closingParenthesis(regex, i);
                digit = false;
            } else if (c == '[') {
                end = closingBracket(regex, i);
                digit = end > 0 && onlyDigits(regex.substring(i + 1, end - 1));
            } else if (c == '\\') {
                if (i + 1 >= regex.length()) {
                    return false;
                }
                char escaped = regex.charAt(i + 1);
                // Quoting, escapes that name a character by its number or a property (backslash u0041
                // is the letter A), and backreferences, whose number may run on into what looks like a
                // digit (backslash 12 is the twelfth group).
                if ("Qxu0pPNkc123456789".indexOf(escaped) >= 0) {
                    return false;
                }
                end = i + 2;
                digit = escaped == 'd';
            } else {
                end = i + 1;
                digit = c >= '0' && c <= '9';
            }
            if (end < 0) {
                return false;
            }
            // The atom's quantifier, if any, is read with it: ?, *, {0,...} make it optional.
            boolean optional = false;
            boolean quantified = false;
            if (end < regex.length() && "?*+".indexOf(regex.charAt(end)) >= 0) {
                optional = regex.charAt(end) != '+';
                quantified = true;
                end++;
            } else if (end < regex.length() && regex.charAt(end) == '{') {
                int closing = regex.indexOf('}', end);
                if (closing < 0) {
                    return false;
                }
                optional = regex.startsWith("{0", end) || regex.startsWith("{,", end);
                quantified = true;
                end = closing + 1;
            }
            if (quantified && end < regex.length() && (regex.charAt(end) == '?' || regex.charAt(end) == '+')) {
                // Lazy or possessive: the same count.
                end++;
            }
            required |= digit && !optional;
            i = end;
        }
        return required;
    }

    /** The index after the ')' closing the group opened at {@code open}; -1 when there is none. */
    private static int closingParenthesis(String regex, int open) {
        int depth = 0;
        for (int i = open; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                int end = closingBracket(regex, i);
                if (end < 0) {
                    return -1;
                }
                i = end - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The index after the ']' closing the class opened at {@code open}; -1 when there is none. */
    private static int closingBracket(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        // A ']' first in a class is a literal.
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                // Nested classes and intersections: beyond this reading.
                return -1;
            } else if (c == ']') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Whether a class body ({@code 0-9}, {@code 1-9}, {@code \d}, {@code 02468}) holds digits only. */
    private static boolean onlyDigits(String body) {
        if (body.isEmpty() || body.startsWith("^")) {
            return false;
        }
        String rest = body.replace("\\d", "").replaceAll("[0-9]-[0-9]", "").replaceAll("[0-9]", "");
        return rest.isEmpty();
    }
}
