package org.signpost.core.response;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code {name}} placeholders in response text. */
public final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)\\}");

    private Template() {
    }

    /** The placeholder names used in {@code text}, in order of first use. */
    public static Set<String> variables(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Replaces each placeholder by its value; one without a value becomes empty. Text without any is returned as it is. */
    public static String fill(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        if (!matcher.find()) {
            // The text itself: every conversation's copy of a fixed reply is then one string.
            return text;
        }
        StringBuilder filled = new StringBuilder(text.length() + 32);
        do {
            String value = values.getOrDefault(matcher.group(1), "");
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        } while (matcher.find());
        matcher.appendTail(filled);
        return filled.toString();
    }
}
