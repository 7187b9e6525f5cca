package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void hasRasasDefaults() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of());

        assertThat(config.port()).isEqualTo(5005);
        assertThat(config.bodyLimit()).isEqualTo(64 * 1024);
        assertThat(config.rasaUrl()).isEmpty();
        assertThat(config.modelToken()).isEmpty();
    }

    @Test
    void readsEveryVariable() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("PORT", "8080", "SIGNPOST_BODY_LIMIT", "2048",
                "NLU_FALLBACK_THRESHOLD", "0.45", "NLU_BACKEND", "rasa", "RASA_URL", "http://rasa:5005",
                "SIGNPOST_MODEL_TOKEN", "a-long-enough-secret"));

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.bodyLimit()).isEqualTo(2048);
        assertThat(config.fallbackThreshold()).isEqualTo(0.45);
        assertThat(config.rasaUrl()).contains(URI.create("http://rasa:5005"));
        assertThat(config.modelToken()).contains("a-long-enough-secret");
    }

    @Test
    void namesTheVariableThatIsWrong() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("PORT", "eighty")))
                .hasMessage("PORT must be a whole number, was 'eighty'");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("PORT", "70000")))
                .hasMessage("PORT must be between 0 and 65535, was 70000");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("NLU_FALLBACK_THRESHOLD", "2")))
                .hasMessage("NLU_FALLBACK_THRESHOLD must be between 0 and 1, was 2");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("NLU_BACKEND", "rasa")))
                .hasMessageContaining("NLU_BACKEND=rasa needs RASA_URL");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("NLU_BACKEND", "dialogflow")))
                .hasMessageContaining("NLU_BACKEND must be local or rasa");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("NLU_BACKEND", "rasa", "RASA_URL", "ftp://x")))
                .hasMessageContaining("RASA_URL must be an http(s) URL");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("SIGNPOST_MODEL_TOKEN", "short")))
                .hasMessage("SIGNPOST_MODEL_TOKEN must be at least 16 characters long");
    }
}
