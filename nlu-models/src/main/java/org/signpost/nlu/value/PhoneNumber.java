package org.signpost.nlu.value;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A UK phone number in E.164 ({@code 07700 900123} becomes {@code +447700900123}). Accepts the
 * national form with a leading 0, or +44 / 0044 with an optional "(0)"; the national number must
 * then have 9 or 10 digits and start with 1, 2, 3, 5, 7, 8 or 9.
 */
public final class PhoneNumber {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s().-]");
    private static final Pattern UK_NATIONAL = Pattern.compile("[1235789][0-9]{8,9}");

    private PhoneNumber() {
    }

    public static Optional<String> normalise(String written) {
        String compact = SEPARATORS.matcher(written).replaceAll("");
        String national;
        if (compact.startsWith("+44")) {
            national = compact.substring(3);
        } else if (compact.startsWith("0044")) {
            national = compact.substring(4);
        } else if (compact.startsWith("0")) {
            national = compact.substring(1);
        } else {
            return Optional.empty();
        }
        if (national.startsWith("0")) {
            // "+44 (0)7700..." written without the brackets.
            national = national.substring(1);
        }
        if (!UK_NATIONAL.matcher(national).matches()) {
            return Optional.empty();
        }
        return Optional.of("+44" + national);
    }
}
