package org.signpost.nlu.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23); // a Monday

    @ParameterizedTest
    @CsvSource({"943 476 5919, 9434765919", "9434765870, 9434765870", "943-476-5870, 9434765870", "401 023 2137, 4010232137"})
    void acceptsNhsNumbersWithAValidCheckDigit(String written, String normalised) {
        assertThat(NhsNumber.normalise(written)).contains(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"943 476 5918", "9434765871", "123456789", "12345678901", "943 476 591x"})
    void rejectsNhsNumbersThatFailTheCheck(String written) {
        assertThat(NhsNumber.normalise(written)).isEmpty();
    }

    @Test
    void aRemainderThatGivesTenMeansNoValidNumber() {
        // 6 x weight 2 = 12, remainder 1: the check digit would be 10, so no number starts so.
        assertThat(NhsNumber.checkDigit("000000006")).isEmpty();
        // 1 x weight 10 = 10, remainder 10: check digit 1.
        assertThat(NhsNumber.checkDigit("100000000")).contains(1);
    }

    @ParameterizedTest
    @CsvSource({"dy8 1aB, DY8 1AB", "DY81AB, DY8 1AB", "b63  2jb, B63 2JB", "wv14 9ab, WV14 9AB", "EC1A 1BB, EC1A 1BB",
        "W1A 0AX, W1A 0AX"})
    void normalisesUkPostcodes(String written, String normalised) {
        assertThat(Postcode.normalise(written)).contains(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DY8 1CI", "QY8 1AB", "DY8", "12345", "DY8 1AB2"})
    void rejectsWhatCannotBeAPostcode(String written) {
        assertThat(Postcode.normalise(written)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"07700 900123, +447700900123", "+44 7700 900123, +447700900123", "+44 (0)7700 900123, +447700900123",
        "01384 456111, +441384456111", "(01384) 456111, +441384456111", "0121 496 0000, +441214960000",
        "0044 20 7946 0000, +442079460000"})
    void normalisesUkPhoneNumbersToE164(String written, String normalised) {
        assertThat(PhoneNumber.normalise(written)).contains(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "07700 9001", "+33 1 23 45 67 89", "0600 123456"})
    void rejectsWhatIsNotAUkPhoneNumber(String written) {
        assertThat(PhoneNumber.normalise(written)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "3rd May 1950 | 1950-05-03", "03/05/1950 | 1950-05-03", "3/5/50 | 1950-05-03", "3.5.1950 | 1950-05-03",
        "1950-05-03 | 1950-05-03", "May 3rd 1950 | 1950-05-03", "3rd of May, 1950 | 1950-05-03", "12 Jan 2001 | 2001-01-12",
        "yesterday | 2026-11-22", "today | 2026-11-23", "tomorrow | 2026-11-24", "next Tuesday | 2026-11-24",
        "last Friday | 2026-11-20", "on monday | 2026-11-23", "Wednesday | 2026-11-25", "on wed | 2026-11-25",
        "this Sunday | 2026-11-29", "1st December | 2026-12-01", "29/02/2024 | 2024-02-29",
        "01/02/30 | 1930-02-01", "01/02/26 | 2026-02-01"})
    void readsUkDatesDayFirst(String written, String iso) {
        assertThat(DateExpression.parse(written, TODAY)).contains(LocalDate.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"31/02/2020", "29/02/2023", "34th May", "13/13/2000", "no date here", "sat in the sun",
        "open on sundays"})
    void findsNoDateWhereThereIsNone(String written) {
        assertThat(DateExpression.parse(written, TODAY)).isEmpty();
    }

    @Test
    void findsDatesInsideASentenceWithTheirPlace() {
        String text = "I was born on 3rd May 1950 and my appointment is tomorrow";

        assertThat(DateExpression.find(text, TODAY)).containsExactly(
                new DateExpression.Found(LocalDate.of(1950, 5, 3), 14, 26),
                new DateExpression.Found(LocalDate.of(2026, 11, 24), 49, 57));
        // After "on" a weekday's place is its name alone, as the training data marks it; "next" is part of it.
        assertThat(DateExpression.find("cancel it on Friday, or move it to next Tuesday", TODAY)).containsExactly(
                new DateExpression.Found(LocalDate.of(2026, 11, 27), 13, 19),
                new DateExpression.Found(LocalDate.of(2026, 11, 24), 35, 47));
    }
}
