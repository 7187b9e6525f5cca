package org.signpost.core.flow;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.signpost.nlu.value.NhsNumber;
import org.signpost.nlu.value.PhoneNumber;
import org.signpost.nlu.value.Postcode;

/**
 * Checks slot values by kind and normalises them: a slot with {@code validator: nhs_number} only
 * takes a number that passes the Modulus 11 check, and so on. A value that fails is not taken,
 * and the bot asks again.
 */
public final class SlotValidators {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\b(\\d{1,3})\\b");

    private static final Map<String, Function<String, Optional<String>>> VALIDATORS = Map.of(
            "nhs_number", NhsNumber::normalise,
            "postcode", Postcode::normalise,
            "phone_number", PhoneNumber::normalise,
            "date_of_birth", SlotValidators::dateOfBirth,
            "person_name", SlotValidators::personName,
            "free_text", SlotValidators::freeText,
            "age", SlotValidators::age);

    private SlotValidators() {
    }

    public static Set<String> names() {
        return VALIDATORS.keySet();
    }

    /** @throws IllegalArgumentException for an unknown validator name */
    public static Function<String, Optional<String>> get(String name) {
        Function<String, Optional<String>> validator = VALIDATORS.get(name);
        if (validator == null) {
            throw new IllegalArgumentException("unknown validator '" + name + "' (expected one of "
                    + new TreeSet<>(VALIDATORS.keySet()) + ")");
        }
        return validator;
    }

    /** An ISO date in the past, no more than 120 years ago. */
    static Optional<String> dateOfBirth(String value) {
        try {
            LocalDate date = LocalDate.parse(value.strip());
            LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
            return !date.isAfter(today) && date.isAfter(today.minusYears(120)) ? Optional.of(date.toString()) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Two to a hundred characters with at least two letters, and no digits. */
    static Optional<String> personName(String value) {
        String name = SPACES.matcher(value.strip()).replaceAll(" ");
        long letters = name.chars().filter(Character::isLetter).count();
        boolean digits = name.chars().anyMatch(Character::isDigit);
        return name.length() <= 100 && letters >= 2 && !digits ? Optional.of(name) : Optional.empty();
    }

    /** A whole number of years from 0 to 120, found anywhere in the answer ("she's 84"). */
    static Optional<String> age(String value) {
        java.util.regex.Matcher number = WHOLE_NUMBER.matcher(value);
        if (!number.find()) {
            return Optional.empty();
        }
        int years = Integer.parseInt(number.group(1));
        return years <= 120 ? Optional.of(String.valueOf(years)) : Optional.empty();
    }

    /** Some words ("GP" will do): at least two letters, at most a thousand characters. */
    static Optional<String> freeText(String value) {
        String text = value.strip();
        return text.chars().filter(Character::isLetter).count() >= 2 && text.length() <= 1000
                ? Optional.of(text) : Optional.empty();
    }
}
