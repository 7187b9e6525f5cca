package org.signpost.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {

    private static final OpeningHours OFFICE = OpeningHours.parse(List.of("Mon-Fri 09:00-17:00"));
    private static final OpeningHours EVENINGS = OpeningHours.parse(List.of("Mon-Fri 18:00-23:00", "Sat, Sun 12:00-23:00"));
    private static final OpeningHours NIGHTS = OpeningHours.parse(List.of("Fri 22:00-02:00"));

    private static ZonedDateTime at(String local) {
        return ZonedDateTime.parse(local + "[Europe/London]");
    }

    @Test
    void isOpenInsideItsHoursInUkTime() {
        assertThat(OFFICE.isOpen(at("2026-11-23T10:00:00Z"))).isTrue(); // a Monday
        assertThat(OFFICE.isOpen(at("2026-11-23T17:00:00Z"))).isFalse();
        assertThat(OFFICE.isOpen(at("2026-11-28T10:00:00Z"))).isFalse(); // Saturday
        // 08:30 UTC in July is 09:30 in London: open.
        assertThat(OFFICE.isOpen(ZonedDateTime.parse("2026-07-06T08:30:00Z"))).isTrue();
    }

    @Test
    void handlesPeriodsPastMidnight() {
        assertThat(NIGHTS.isOpen(at("2026-11-27T23:00:00Z"))).isTrue(); // Friday night
        assertThat(NIGHTS.isOpen(at("2026-11-28T01:30:00Z"))).isTrue(); // early Saturday
        assertThat(NIGHTS.isOpen(at("2026-11-28T02:30:00Z"))).isFalse();
    }

    @Test
    void describesWhenItOpensOrCloses() {
        assertThat(OFFICE.describe(at("2026-11-23T10:00:00Z"))).isEqualTo("open now until 5pm");
        assertThat(OFFICE.describe(at("2026-11-23T18:00:00Z"))).isEqualTo("closed now; opens at 9am tomorrow");
        assertThat(OFFICE.describe(at("2026-11-23T07:00:00Z"))).isEqualTo("closed now; opens at 9am today");
        assertThat(OFFICE.describe(at("2026-11-28T10:00:00Z"))).isEqualTo("closed now; opens at 9am on Monday");
        assertThat(EVENINGS.describe(at("2026-11-28T11:00:00Z"))).isEqualTo("closed now; opens at 12 noon today");
        assertThat(NIGHTS.describe(at("2026-11-28T01:00:00Z"))).isEqualTo("open now until 2am");
        assertThat(OpeningHours.ALWAYS.describe(at("2026-11-28T01:00:00Z"))).isEqualTo("open 24 hours, every day");
        assertThat(OpeningHours.UNKNOWN.describe(at("2026-11-28T01:00:00Z"))).contains("not known");
    }

    @Test
    void rejectsHoursItCannotRead() {
        assertThatThrownBy(() -> OpeningHours.parse(List.of("weekdays 9 to 5"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpeningHours.parse(List.of("Mon-Fri 09:00-25:00")))
                .hasMessageContaining("not a time range");
        assertThatThrownBy(() -> OpeningHours.parse(List.of("Funday 09:00-17:00"))).hasMessageContaining("not a day");
    }
}
