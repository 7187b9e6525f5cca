package org.signpost.connectors.voice.call;

import java.util.Optional;
import org.signpost.core.flow.SlotDefinition;

/**
 * The answers a caller can always key in rather than say: numbers. A slot takes keyed digits when
 * its validator is one of these, and the digits are turned into the words a chat user would type,
 * so the slot's own validation (the NHS number's check digit, a date in the past) still decides.
 */
enum KeyedAnswer {
    NHS_NUMBER("nhs_number", 10) {
        @Override
        String text(String digits) {
            return digits.length() == 10 ? digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6)
                    : digits;
        }
    },
    /** Eight digits, day first as the UK writes dates: 01021950 is 1 February 1950. */
    DATE_OF_BIRTH("date_of_birth", 8) {
        @Override
        String text(String digits) {
            return digits.length() == 8 ? digits.substring(0, 2) + "/" + digits.substring(2, 4) + "/" + digits.substring(4)
                    : digits;
        }
    },
    PHONE_NUMBER("phone_number", 13) {
        @Override
        String text(String digits) {
            return digits;
        }
    },
    AGE("age", 3) {
        @Override
        String text(String digits) {
            return digits;
        }
    };

    private final String validator;
    private final int maxDigits;

    KeyedAnswer(String validator, int maxDigits) {
        this.validator = validator;
        this.maxDigits = maxDigits;
    }

    /** What a caller typing {@code digits} means, as a chat user would have written it. */
    abstract String text(String digits);

    int maxDigits() {
        return maxDigits;
    }

    static Optional<KeyedAnswer> forSlot(SlotDefinition slot) {
        for (KeyedAnswer answer : values()) {
            if (answer.validator.equals(slot.validator())) {
                return Optional.of(answer);
            }
        }
        return Optional.empty();
    }
}
