package org.signpost.core.flow;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a step runs: {@code slot == value}, {@code slot != value}, {@code slot is set} or
 * {@code slot is not set}. Values compare ignoring case.
 */
public record Condition(String slot, Operator operator, String value) {

    /** How the slot is compared. */
    public enum Operator { EQUALS, NOT_EQUALS, SET, NOT_SET }

    public static final Condition ALWAYS = new Condition("", Operator.NOT_SET, "");
    private static final Pattern COMPARISON = Pattern.compile("([a-z][a-z0-9_]*)\\s*(==|!=)\\s*(.+)");
    private static final Pattern PRESENCE = Pattern.compile("([a-z][a-z0-9_]*)\\s+is\\s+(not\\s+)?set");

    public Condition {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
    }

    /** @throws IllegalArgumentException when the text is none of the four forms */
    public static Condition parse(String written) {
        String text = written.strip();
        Matcher comparison = COMPARISON.matcher(text);
        if (comparison.matches()) {
            String value = comparison.group(3).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            return new Condition(comparison.group(1), comparison.group(2).equals("==") ? Operator.EQUALS : Operator.NOT_EQUALS,
                    value);
        }
        Matcher presence = PRESENCE.matcher(text);
        if (presence.matches()) {
            return new Condition(presence.group(1), presence.group(2) == null ? Operator.SET : Operator.NOT_SET, "");
        }
        throw new IllegalArgumentException("write a condition as 'slot == value', 'slot != value', 'slot is set' or "
                + "'slot is not set', found '" + written + "'");
    }

    public boolean holds(Map<String, String> slots) {
        if (this == ALWAYS) {
            return true;
        }
        String current = slots.get(slot);
        return switch (operator) {
            case EQUALS -> current != null && current.equalsIgnoreCase(value);
            case NOT_EQUALS -> current == null || !current.equalsIgnoreCase(value);
            case SET -> current != null;
            case NOT_SET -> current == null;
        };
    }
}
