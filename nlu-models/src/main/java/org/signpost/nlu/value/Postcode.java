package org.signpost.nlu.value;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A full UK postcode, normalised to upper case with one space before the inward code
 * ({@code dy81ab} becomes {@code DY8 1AB}). Follows the letters Royal Mail allows in each
 * position, so "DY8 1CI" (C and I are never used inward) is rejected.
 */
public final class Postcode {

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private static final Pattern VALID = Pattern.compile(
            "(GIR 0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2})");

    private Postcode() {
    }

    public static Optional<String> normalise(String written) {
        String compact = SPACES.matcher(written).replaceAll("").toUpperCase(Locale.ROOT);
        if (compact.length() < 5 || compact.length() > 7) {
            return Optional.empty();
        }
        String spaced = compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3);
        return VALID.matcher(spaced).matches() ? Optional.of(spaced) : Optional.empty();
    }

    /** The outward code ({@code DY8} of {@code DY8 1AB}) of a normalised postcode. */
    public static String district(String normalised) {
        return normalised.substring(0, normalised.indexOf(' '));
    }
}
