package org.signpost.connectors.voice.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeechSettingsTest {

    @Test
    void googleIsTheTlsEndpointWithAFiveSecondTimeout() {
        SpeechSettings google = SpeechSettings.google();

        assertThat(google.endpoint()).isEqualTo("speech.googleapis.com:443");
        assertThat(google.plaintext()).isFalse();
        assertThat(google.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(google.phraseHints()).isEmpty();
    }

    @Test
    void acceptsHostsAddressesAndPorts() {
        assertThat(SpeechSettings.plaintext("127.0.0.1:50051").endpoint()).isEqualTo("127.0.0.1:50051");
        assertThat(SpeechSettings.plaintext("[::1]:8080").plaintext()).isTrue();
        assertThat(SpeechSettings.google().withEndpoint("eu-speech.googleapis.com:443", false).endpoint())
                .isEqualTo("eu-speech.googleapis.com:443");
    }

    @Test
    void refusesAnEndpointThatIsNotHostAndPort() {
        for (String endpoint : List.of("", "speech.googleapis.com", "https://speech.googleapis.com:443", "host:", ":443",
                "host:port", "host:123456")) {
            assertThatThrownBy(() -> SpeechSettings.plaintext(endpoint))
                    .as(endpoint)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("host:port");
        }
        assertThatThrownBy(() -> SpeechSettings.plaintext("localhost:70000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port must be 1 to 65535");
    }

    @Test
    void refusesPlaintextToGoogle() {
        assertThatThrownBy(() -> SpeechSettings.google().withEndpoint(SpeechSettings.GOOGLE_ENDPOINT, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs TLS");
    }

    @Test
    void refusesATimeoutThatIsNotPositiveOrLongerThanACallerWaits() {
        SpeechSettings google = SpeechSettings.google();

        assertThatThrownBy(() -> google.withTimeout(Duration.ZERO)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> google.withTimeout(Duration.ofSeconds(-1))).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> google.withTimeout(Duration.ofMinutes(2))).hasMessageContaining("at most");
        assertThat(google.withTimeout(Duration.ofMillis(300)).timeout()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void refusesMissingValues() {
        assertThatThrownBy(() -> new SpeechSettings(null, false, Duration.ofSeconds(1), List.of()))
                .isInstanceOf(NullPointerException.class).hasMessage("endpoint");
        assertThatThrownBy(() -> SpeechSettings.google().withTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> SpeechSettings.google().withPhraseHints(null))
                .isInstanceOf(NullPointerException.class).hasMessage("phraseHints");
        assertThatThrownBy(() -> SpeechSettings.google().withPhraseHints(Arrays.asList("Sedgley", null)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("null phrase");
    }

    @Test
    void trimsHintsAndDropsBlanksAndDuplicatesKeepingTheFirstSpelling() {
        SpeechSettings settings = SpeechSettings.google().withPhraseHints(
                List.of("  Brierley   Hill ", "", "   ", "Sedgley", "brierley hill", "SEDGLEY", "Dudley Council Plus"));

        assertThat(settings.phraseHints()).containsExactly("Brierley Hill", "Sedgley", "Dudley Council Plus");
    }

    @Test
    void fitsHintsToGooglesLimits() {
        String longest = "x".repeat(SpeechSettings.MAX_PHRASE_LENGTH);
        List<String> hints = new ArrayList<>();
        hints.add(longest + "y");
        hints.add(longest);
        for (int i = 0; i < 600; i++) {
            hints.add("service " + i);
        }

        List<String> fitted = SpeechSettings.google().withPhraseHints(hints).phraseHints();

        assertThat(fitted).hasSize(SpeechSettings.MAX_PHRASES);
        assertThat(fitted.get(0)).isEqualTo(longest);
        assertThat(fitted.get(SpeechSettings.MAX_PHRASES - 1)).isEqualTo("service 498");
        assertThat(fitted).allSatisfy(phrase -> assertThat(phrase).hasSizeLessThanOrEqualTo(SpeechSettings.MAX_PHRASE_LENGTH));
    }

    @Test
    void keepsItsOwnCopyOfTheHints() {
        List<String> hints = new ArrayList<>(List.of("Sedgley"));
        SpeechSettings settings = SpeechSettings.google().withPhraseHints(hints);
        hints.add("Halesowen");

        assertThat(settings.phraseHints()).containsExactly("Sedgley");
        assertThatThrownBy(() -> settings.phraseHints().add("Lye")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void saysHowManyHintsRatherThanListingThem() {
        SpeechSettings settings = SpeechSettings.plaintext("127.0.0.1:50051").withPhraseHints(List.of("Sedgley", "Lye"));

        assertThat(settings.toString()).contains("127.0.0.1:50051").contains("phraseHints=2").doesNotContain("Sedgley");
    }
}
