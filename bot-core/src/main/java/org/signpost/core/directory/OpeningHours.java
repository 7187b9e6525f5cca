package org.signpost.core.directory;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When a service is open, in UK local time (Europe/London, so summer time is handled): either
 * always, or weekly periods such as Monday 09:00-17:00. A period may run past midnight
 * (18:00-02:00). Immutable.
 */
public final class OpeningHours {

    public static final ZoneId UK = ZoneId.of("Europe/London");
    public static final OpeningHours ALWAYS = new OpeningHours(true, List.of());
    /** The directory does not know the hours. */
    public static final OpeningHours UNKNOWN = new OpeningHours(false, List.of());

    /** One weekly opening: on {@code day} from {@code opens} to {@code closes} (next day if earlier). */
    public record Period(DayOfWeek day, LocalTime opens, LocalTime closes) {
        public Period {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(opens, "opens");
            Objects.requireNonNull(closes, "closes");
            if (opens.equals(closes)) {
                throw new IllegalArgumentException("a period must not open and close at the same time");
            }
        }

        boolean overnight() {
            return closes.isBefore(opens);
        }
    }

    private final boolean always;
    private final List<Period> periods;

    private OpeningHours(boolean always, List<Period> periods) {
        this.always = always;
        this.periods = List.copyOf(periods);
    }

    public static OpeningHours of(List<Period> periods) {
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("opening hours need at least one period (or use ALWAYS)");
        }
        return new OpeningHours(false, periods);
    }

    public boolean always() {
        return always;
    }

    public boolean known() {
        return always || !periods.isEmpty();
    }

    public List<Period> periods() {
        return periods;
    }

    public boolean isOpen(ZonedDateTime when) {
        if (always) {
            return true;
        }
        ZonedDateTime local = when.withZoneSameInstant(UK);
        LocalTime time = local.toLocalTime();
        for (Period period : periods) {
            if (period.overnight()) {
                if ((period.day() == local.getDayOfWeek() && !time.isBefore(period.opens()))
                        || (period.day().plus(1) == local.getDayOfWeek() && time.isBefore(period.closes()))) {
                    return true;
                }
            } else if (period.day() == local.getDayOfWeek() && !time.isBefore(period.opens())
                    && time.isBefore(period.closes())) {
                return true;
            }
        }
        return false;
    }

    /** The next time it opens after {@code when} (within a week), if it is not always open. */
    public Optional<ZonedDateTime> nextOpening(ZonedDateTime when) {
        if (always) {
            return Optional.empty();
        }
        ZonedDateTime local = when.withZoneSameInstant(UK);
        ZonedDateTime best = null;
        for (int days = 0; days <= 7; days++) {
            LocalDate date = local.toLocalDate().plusDays(days);
            for (Period period : periods) {
                if (period.day() != date.getDayOfWeek()) {
                    continue;
                }
                ZonedDateTime opening = ZonedDateTime.of(date, period.opens(), UK);
                if (opening.isAfter(local) && (best == null || opening.isBefore(best))) {
                    best = opening;
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }

    /** When it closes next, for a service open at {@code when}. */
    Optional<ZonedDateTime> closing(ZonedDateTime when) {
        if (always || !isOpen(when)) {
            return Optional.empty();
        }
        ZonedDateTime local = when.withZoneSameInstant(UK);
        for (Period period : periods) {
            LocalDate openedOn = period.overnight() && local.toLocalTime().isBefore(period.closes())
                    ? local.toLocalDate().minusDays(1) : local.toLocalDate();
            if (openedOn.getDayOfWeek() != period.day()) {
                continue;
            }
            ZonedDateTime opened = ZonedDateTime.of(openedOn, period.opens(), UK);
            ZonedDateTime closes = ZonedDateTime.of(period.overnight() ? openedOn.plusDays(1) : openedOn, period.closes(), UK);
            if (!local.isBefore(opened) && local.isBefore(closes)) {
                return Optional.of(closes);
            }
        }
        return Optional.empty();
    }

    /**
     * Plain words for a person: "open 24 hours", "open now until 5pm", "opens at 8am tomorrow",
     * "opens on Monday at 9am".
     */
    public String describe(ZonedDateTime when) {
        if (always) {
            return "open 24 hours, every day";
        }
        if (!known()) {
            return "opening hours not known: please check before you go";
        }
        ZonedDateTime local = when.withZoneSameInstant(UK);
        Optional<ZonedDateTime> closes = closing(local);
        if (closes.isPresent()) {
            return "open now until " + time(closes.get().toLocalTime());
        }
        return nextOpening(local).map(opening -> {
            long days = opening.toLocalDate().toEpochDay() - local.toLocalDate().toEpochDay();
            String day = days == 0 ? "today" : days == 1 ? "tomorrow"
                    : "on " + opening.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.UK);
            return "closed now; opens at " + time(opening.toLocalTime()) + " " + day;
        }).orElse("closed");
    }

    static String time(LocalTime time) {
        if (time.equals(LocalTime.NOON)) {
            return "12 noon";
        }
        if (time.equals(LocalTime.MIDNIGHT)) {
            return "midnight";
        }
        int hour = time.getHour() % 12 == 0 ? 12 : time.getHour() % 12;
        String suffix = time.getHour() < 12 ? "am" : "pm";
        return time.getMinute() == 0 ? hour + suffix : String.format(Locale.ROOT, "%d:%02d%s", hour, time.getMinute(), suffix);
    }

    /** The hours as {@link #parse} reads them: {@code ["24/7"]}, {@code ["Mon 09:00-17:00", ...]}, or none. */
    public List<String> written() {
        if (always) {
            return List.of("24/7");
        }
        return periods.stream().map(period -> period.day().getDisplayName(TextStyle.SHORT, Locale.UK) + " "
                + period.opens() + "-" + period.closes()).toList();
    }

    /**
     * Reads {@code "24/7"} or periods written as {@code "Mon-Fri 09:00-17:00"} /
     * {@code "Sat, Sun 12:00-23:00"}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static OpeningHours parse(List<String> written) {
        if (written.size() == 1 && written.get(0).strip().equalsIgnoreCase("24/7")) {
            return ALWAYS;
        }
        List<Period> periods = new ArrayList<>();
        for (String line : written) {
            String[] parts = line.strip().split("\\s+(?=\\d{1,2}:\\d{2}\\s*-)", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("write opening hours as 'Mon-Fri 09:00-17:00', found '" + line + "'");
            }
            String[] times = parts[1].split("-");
            if (times.length != 2) {
                throw new IllegalArgumentException("write times as 09:00-17:00, found '" + parts[1] + "'");
            }
            LocalTime opens;
            LocalTime closes;
            try {
                opens = LocalTime.parse(pad(times[0].strip()));
                closes = LocalTime.parse(pad(times[1].strip().equals("24:00") ? "00:00" : times[1].strip()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + parts[1] + "' is not a time range like 09:00-17:00");
            }
            for (DayOfWeek day : days(parts[0])) {
                periods.add(new Period(day, opens, closes));
            }
        }
        return of(periods);
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    private static List<DayOfWeek> days(String written) {
        List<DayOfWeek> days = new ArrayList<>();
        for (String part : written.split("\\s*,\\s*")) {
            String[] range = part.strip().split("\\s*-\\s*");
            DayOfWeek first = day(range[0]);
            DayOfWeek last = range.length > 1 ? day(range[1]) : first;
            for (DayOfWeek day = first; ; day = day.plus(1)) {
                days.add(day);
                if (day == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String written) {
        String key = written.strip().toLowerCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (key.length() >= 3 && day.name().toLowerCase(Locale.ROOT).startsWith(key)) {
                return day;
            }
        }
        throw new IllegalArgumentException("'" + written + "' is not a day of the week");
    }
}
