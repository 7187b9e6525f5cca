package org.signpost.core.directory;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ages a service is for, read from the directory's "age range" text: "18+", "0–17", "5-19",
 * "adults", "all ages". Text it cannot read counts as all ages, so nobody is turned away on a
 * guess; navigators check eligibility anyway.
 */
public record AgeRange(int min, int max) {

    public static final AgeRange ALL = new AgeRange(0, 150);
    private static final Pattern SPAN = Pattern.compile("(\\d{1,3})\\s*[-–—]\\s*(\\d{1,3})");
    private static final Pattern FROM = Pattern.compile("(\\d{1,3})\\s*\\+");

    public boolean includes(int age) {
        return age >= min && age <= max;
    }

    public boolean limited() {
        return min > 0 || max < ALL.max;
    }

    /** "for ages 18 and over", "for ages 0 to 17". */
    public String describe() {
        return max >= ALL.max ? "for ages " + min + " and over" : "for ages " + min + " to " + max;
    }

    public static AgeRange parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("all ages") || lower.startsWith("any age")) {
            return ALL;
        }
        Matcher span = SPAN.matcher(lower);
        if (span.find()) {
            return new AgeRange(Integer.parseInt(span.group(1)), Integer.parseInt(span.group(2)));
        }
        Matcher from = FROM.matcher(lower);
        if (from.find()) {
            return new AgeRange(Integer.parseInt(from.group(1)), ALL.max);
        }
        if (lower.startsWith("adult")) {
            return new AgeRange(18, ALL.max);
        }
        return ALL;
    }
}
