package org.signpost.nlu.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DigitRequirementTest {

    private static boolean requires(String regex) {
        return DigitRequirement.of(Pattern.compile(regex));
    }

    @Test
    void theProjectsNumberPatternsNeedADigitAndTheReferenceOneDoesNot() {
        assertThat(requires("\\b[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\\s*[0-9][A-Za-z]{2}\\b")).isTrue();
        assertThat(requires("(?<!\\+44 )(?<!\\+44)\\b[1-9][0-9]{2}[ -]?[0-9]{3}[ -]?[0-9]{4}\\b")).isTrue();
        assertThat(requires("(?:\\+44\\s?(?:\\(0\\)\\s?)?|\\b0)7[0-9]{3}\\s?[0-9]{3}\\s?[0-9]{3}\\b")).isTrue();
        assertThat(requires("\\b[Ss][Pp]-[A-Za-z0-9]{6}\\b")).isFalse();
    }

    @Test
    void aDigitThatMayBeLeftOutIsNotRequired() {
        assertThat(requires("ab[0-9]?")).isFalse();
        assertThat(requires("ab\\d*")).isFalse();
        assertThat(requires("ab[0-9]{0,3}")).isFalse();
        assertThat(requires("ab[0-9]{1,3}")).isTrue();
        assertThat(requires("ab\\d+")).isTrue();
        assertThat(requires("room 1")).isTrue();
    }

    @Test
    void alternativesGroupsAndClassesWithOtherCharactersAreNotReliedOn() {
        assertThat(requires("[0-9]+|none")).isFalse();
        assertThat(requires("(?:[0-9]+)")).isFalse();
        assertThat(requires("[0-9a]")).isFalse();
        assertThat(requires("[^0-9]")).isFalse();
        assertThat(requires("\\D")).isFalse();
        assertThat(requires("\\Q123\\E")).isFalse();
        assertThat(DigitRequirement.of(Pattern.compile("123", Pattern.LITERAL))).isFalse();
        // Characters named by their number are not digits (u0041 is the letter A).
        assertThat(requires("\\u0041")).isFalse();
        assertThat(requires("\\x41")).isFalse();
        assertThat(requires("\\0101")).isFalse();
        assertThat(requires("\\p{Nd}")).isFalse();
        // A digit in a comment is no digit of the match.
        assertThat(requires("(?x)ab # 1 or 2")).isFalse();
    }

    @Test
    void whatCouldHideADigitFreeMatchIsNotReliedOn() {
        // Quoting inside a class or group can hide the bracket that closes it.
        assertThat(requires("[a\\Q]\\E1]")).isFalse();
        assertThat(requires("(?:a|\\Q)\\E1)")).isFalse();
        // \12 is the twelfth group, not the first and a 2.
        assertThat(requires("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)\\12")).isFalse();
        // A count with nothing to repeat repeats nothing: "{2}b" matches "b".
        assertThat(requires("{2}b")).isFalse();
        assertThat(requires("a+{2}")).isFalse();
        assertThat(requires("-?{0,2}")).isFalse();
    }

    @Test
    void escapedCharactersAreReadAsOne() {
        assertThat(requires("\\(\\d\\)")).isTrue();
        assertThat(requires("[\\]]x")).isFalse();
        assertThat(requires("\\[0-9]")).isTrue();
    }
}
