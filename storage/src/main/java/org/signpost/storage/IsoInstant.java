package org.signpost.storage;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants Signpost writes ({@link Instant#toString()}: {@code 2026-12-05T04:08:00.123Z},
 * with 0, 3, 6 or 9 digits of fraction) without {@link Instant#parse}, whose formatter machinery
 * was the single largest cost of loading a conversation from Redis (every event has a time).
 * Anything else, a leap second or a year outside 0000-9999 included, goes to
 * {@link Instant#parse}, so the result and the errors are exactly its own.
 */
public final class IsoInstant {

    private IsoInstant() {
    }

    public static Instant parse(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return Instant.parse(text);
            }
            nanos = digits(text, 20, length - 1);
            for (int i = fraction; i < 9 && nanos >= 0; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59 || nanos < 0
                || hour < 0 || minute < 0 || second < 0) {
            return Instant.parse(text);
        }
        LocalDate firstOfMonth = LocalDate.of(year, month, 1);
        if (day > firstOfMonth.lengthOfMonth()) {
            return Instant.parse(text);
        }
        long days = firstOfMonth.toEpochDay() + day - 1;
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code text[from, to)}, or -1 if it is not all digits. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
