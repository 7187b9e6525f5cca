package org.signpost.nlu.value;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds dates in British English text and resolves them to ISO dates: day-first numeric dates
 * ({@code 03/05/1950}, {@code 3.5.50}), ISO dates, written dates ({@code 3rd May 1950},
 * {@code May 3rd}, {@code 3rd of May}) and relative ones ({@code today}, {@code yesterday},
 * {@code tomorrow}, {@code next Tuesday}, {@code last Monday}, {@code on Friday}, {@code Friday}).
 * Dates that do not exist on the calendar (31/02/2020) are not found. Stateless and thread-safe.
 */
public final class DateExpression {

    /** A date found in text, with where it was written. */
    public record Found(LocalDate date, int start, int end) {
    }

    private static final String MONTHS = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
            + "|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
    private static final String DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
            + "|mon|tues?|wed|thur?s?|fri|sat|sun";
    private static final String ORDINAL = "(\\d{1,2})(?:st|nd|rd|th)?";
    private static final Pattern NUMERIC = Pattern.compile("\\b(\\d{1,2})([/.\\-])(\\d{1,2})\\2(\\d{4}|\\d{2})\\b");
    private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Pattern DAY_MONTH = Pattern.compile(
            "\\b" + ORDINAL + "\\s+(?:of\\s+)?(" + MONTHS + ")\\.?(?:,?\\s+(\\d{4}|'?\\d{2})\\b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern MONTH_DAY = Pattern.compile(
            "\\b(" + MONTHS + ")\\.?\\s+" + ORDINAL + "\\b(?:,?\\s+(\\d{4})\\b)?", Pattern.CASE_INSENSITIVE);
    private static final String FULL_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    /**
     * A relative date: a word for a day, a weekday after "next", "last" or "this" (the whole
     * phrase is the date's text), or after "on" or on its own (its name alone is: "cancel it on
     * [Friday]", as the training data marks it). A weekday on its own must be written in full:
     * "sun" and "sat" are words too.
     */
    private static final Pattern RELATIVE = Pattern.compile("\\b(?:(?<word>today|tonight|yesterday|tomorrow)"
            + "|(?<qualifier>next|last|this)\\s+(?<qualified>" + DAYS + ")"
            + "|on\\s+(?<on>" + DAYS + ")|(?<named>" + FULL_DAYS + "))\\b", Pattern.CASE_INSENSITIVE);
    /** What every relative date contains: a message with none of these has none. */
    private static final List<String> RELATIVE_HINTS = List.of("today", "tonight", "tomorrow", "yesterday", "mon", "tue", "wed",
            "thu", "fri", "sat", "sun");
    private static final Map<String, DayOfWeek> DAY_NAMES = Map.ofEntries(
            Map.entry("mon", DayOfWeek.MONDAY), Map.entry("tue", DayOfWeek.TUESDAY), Map.entry("wed", DayOfWeek.WEDNESDAY),
            Map.entry("thu", DayOfWeek.THURSDAY), Map.entry("fri", DayOfWeek.FRIDAY), Map.entry("sat", DayOfWeek.SATURDAY),
            Map.entry("sun", DayOfWeek.SUNDAY));

    private DateExpression() {
    }

    /** Every date in {@code text}, in order, resolved against {@code today}. */
    public static List<Found> find(String text, LocalDate today) {
        Objects.requireNonNull(today, "today");
        List<Found> found = new ArrayList<>();
        // Cheap checks first: most messages hold no date, and parsing is on every message's path.
        if (hasDigit(text)) {
            findWritten(text, today, found);
        }
        if (mayBeRelative(text)) {
            Matcher relative = RELATIVE.matcher(text);
            while (relative.find()) {
                String day = relative.group("on") != null ? "on" : relative.group("named") != null ? "named" : null;
                int start = day == null ? relative.start() : relative.start(day);
                add(found, start, relative.end(), () -> relative(relative, today));
            }
        }
        found.sort(Comparator.comparingInt(Found::start));
        return List.copyOf(found);
    }

    /** A plain search, much cheaper than the pattern it spares most messages. */
    private static boolean mayBeRelative(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String hint : RELATIVE_HINTS) {
            if (lower.contains(hint)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static void findWritten(String text, LocalDate today, List<Found> found) {
        Matcher numeric = NUMERIC.matcher(text);
        while (numeric.find()) {
            add(found, numeric, () -> LocalDate.of(year(numeric.group(4), today), Integer.parseInt(numeric.group(3)),
                    Integer.parseInt(numeric.group(1))));
        }
        Matcher iso = ISO.matcher(text);
        while (iso.find()) {
            add(found, iso, () -> LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                    Integer.parseInt(iso.group(3))));
        }
        Matcher dayMonth = DAY_MONTH.matcher(text);
        while (dayMonth.find()) {
            add(found, dayMonth, () -> LocalDate.of(yearOrThis(dayMonth.group(3), today), month(dayMonth.group(2)),
                    Integer.parseInt(dayMonth.group(1))));
        }
        Matcher monthDay = MONTH_DAY.matcher(text);
        while (monthDay.find()) {
            add(found, monthDay, () -> LocalDate.of(yearOrThis(monthDay.group(3), today), month(monthDay.group(1)),
                    Integer.parseInt(monthDay.group(2))));
        }
    }

    /** The one date {@code text} consists of (for a whole answer such as "3rd May 1950"). */
    public static Optional<LocalDate> parse(String text, LocalDate today) {
        List<Found> found = find(text.strip(), today);
        return found.size() == 1 ? Optional.of(found.get(0).date()) : Optional.empty();
    }

    private static void add(List<Found> found, Matcher matcher, Supplier<LocalDate> date) {
        add(found, matcher.start(), matcher.end(), date);
    }

    private static void add(List<Found> found, int start, int end, Supplier<LocalDate> date) {
        if (found.stream().anyMatch(f -> start < f.end() && f.start() < end)) {
            return;
        }
        try {
            found.add(new Found(date.get(), start, end));
        } catch (DateTimeException | NumberFormatException notADate) {
            // 31/02/2020 or "34th May" is not a date: leave the text alone.
        }
    }

    private static int year(String written, LocalDate today) {
        int year = Integer.parseInt(written.replace("'", ""));
        if (written.replace("'", "").length() == 2) {
            // Two-digit years are past dates (dates of birth) unless that would be in the future.
            int century = today.getYear() / 100 * 100;
            year = century + year > today.getYear() ? century - 100 + year : century + year;
        }
        return year;
    }

    private static int yearOrThis(String written, LocalDate today) {
        return written == null ? today.getYear() : year(written, today);
    }

    private static int month(String name) {
        String key = name.toLowerCase(Locale.ROOT).substring(0, 3);
        List<String> months = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
        return months.indexOf(key) + 1;
    }

    private static LocalDate relative(Matcher relative, LocalDate today) {
        String word = relative.group("word");
        if (word != null) {
            return switch (word.toLowerCase(Locale.ROOT)) {
                case "yesterday" -> today.minusDays(1);
                case "tomorrow" -> today.plusDays(1);
                default -> today;
            };
        }
        String qualifier = relative.group("qualifier") == null ? "" : relative.group("qualifier").toLowerCase(Locale.ROOT);
        String dayName = relative.group("qualified") != null ? relative.group("qualified")
                : relative.group("on") != null ? relative.group("on") : relative.group("named");
        DayOfWeek day = DAY_NAMES.get(dayName.toLowerCase(Locale.ROOT).substring(0, 3));
        return switch (qualifier) {
            case "last" -> today.with(TemporalAdjusters.previous(day));
            case "next" -> today.with(TemporalAdjusters.next(day));
            default -> today.with(TemporalAdjusters.nextOrSame(day));
        };
    }
}
