package org.signpost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {

    @Test
    void readsEveryInstantAsWrittenTheWayInstantParseDoes() {
        Random random = new Random(20261205);
        long from = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            long seconds = from + (long) (random.nextDouble() * (to - from));
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoInstant.parse(instant.toString())).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "2026-12-05T04:08:00.1Z",
        "2026-12-05T04:08:00.12345Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2016-12-31T23:59:60Z",
        "+10000-01-01T00:00:00Z", "2026-12-05T04:08:00+01:00",
        "2026-12-05T24:00:00Z", "2026-12-05T04:08:00.Z"})
    void agreesWithInstantParseOnUnusualButValidText(String text) {
        assertThat(IsoInstant.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z", 
        "2026-12-05T04:60:00Z", "2026-12-05T04:08:00.1234567890Z", "2026-12-05 04:08:00Z",
        "2026-12-0xT04:08:00Z", "2026-12-05T04:08:00.12a4Z", "", "yesterday"})
    void refusesWhatInstantParseRefuses(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstant.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
