package org.signpost.nlu.value;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An NHS number: ten digits whose last is a Modulus 11 check digit over the first nine (weights
 * 10 down to 2). Written with or without spaces or dashes; kept as ten digits.
 */
public final class NhsNumber {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");
    private static final Pattern TEN_DIGITS = Pattern.compile("[0-9]{10}");

    private NhsNumber() {
    }

    /** The number as ten digits, or empty when it is not ten digits with a valid check digit. */
    public static Optional<String> normalise(String written) {
        String digits = SEPARATORS.matcher(written).replaceAll("");
        if (!TEN_DIGITS.matcher(digits).matches()) {
            return Optional.empty();
        }
        return checkDigit(digits.substring(0, 9))
                .filter(check -> check == digits.charAt(9) - '0')
                .map(check -> digits);
    }

    /** The check digit for nine digits; empty when none exists (remainder 1 gives 10). */
    static Optional<Integer> checkDigit(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nineDigits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            return Optional.of(0);
        }
        return check == 10 ? Optional.empty() : Optional.of(check);
    }
}
