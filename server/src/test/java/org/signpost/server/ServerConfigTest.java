package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.signpost.connectors.voice.VoiceSettings;
import org.signpost.connectors.whatsapp.WhatsAppSettings;

class ServerConfigTest {

    @Test
    void hasRasasDefaults() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of());

        assertThat(config.port()).isEqualTo(5005);
        assertThat(config.bodyLimit()).isEqualTo(64 * 1024);
        assertThat(config.rasaUrl()).isEmpty();
        assertThat(config.modelToken()).isEmpty();
        assertThat(config.maxTurnsInFlight()).isEqualTo(256);
    }

    @Test
    void readsEveryVariable() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("PORT", "8080", "SIGNPOST_BODY_LIMIT", "2048",
                "NLU_FALLBACK_THRESHOLD", "0.45", "NLU_BACKEND", "rasa", "RASA_URL", "http://rasa:5005",
                "SIGNPOST_MODEL_TOKEN", "a-long-enough-secret", "SIGNPOST_MAX_TURNS_IN_FLIGHT", "250"));

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.bodyLimit()).isEqualTo(2048);
        assertThat(config.fallbackThreshold()).isEqualTo(0.45);
        assertThat(config.rasaUrl()).contains(URI.create("http://rasa:5005"));
        assertThat(config.modelToken()).contains("a-long-enough-secret");
        assertThat(config.maxTurnsInFlight()).isEqualTo(250);
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
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("SIGNPOST_MAX_TURNS_IN_FLIGHT", "0")))
                .hasMessage("SIGNPOST_MAX_TURNS_IN_FLIGHT must be between 1 and 1000000, was 0");
    }

    @Test
    void widgetOriginsAreReadAsBrowsersNameThem() {
        assertThat(ServerConfig.fromEnvironment(Map.of()).chat().allowedOrigins()).isEmpty();
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("WIDGET_ORIGINS",
                " HTTPS://www.Dudley.gov.uk/ , https://nhs.example:443,http://localhost:8080"));

        assertThat(config.chat().allowedOrigins())
                .containsExactlyInAnyOrder("https://www.dudley.gov.uk", "https://nhs.example", "http://localhost:8080");
        assertThat(config.chat().allowsOrigin("https://www.dudley.gov.uk")).isTrue();
        assertThat(config.chat().allowsOrigin("https://dudley.gov.uk.example")).isFalse();
        assertThat(config.chat().allowsOrigin("null")).isFalse();
        // Not a browser: nothing to check it against.
        assertThat(config.chat().allowsOrigin(null)).isTrue();
    }

    @Test
    void aWidgetOriginThatIsNotAWebsiteStopsStartUp() {
        for (String wrong : List.of("www.dudley.gov.uk", "https://www.dudley.gov.uk/chat", "ftp://files.example",
                "https://user@site.example")) {
            assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("WIDGET_ORIGINS", "https://ok.example," + wrong)))
                    .as(wrong).hasMessageContaining("WIDGET_ORIGINS").hasMessageContaining("'" + wrong + "'");
        }
    }

    private static final Map<String, String> WHATSAPP = Map.of("WHATSAPP_VERIFY_TOKEN", "verify", "WHATSAPP_APP_SECRET", "secret",
            "WHATSAPP_ACCESS_TOKEN", "EAAG-token", "WHATSAPP_PHONE_NUMBER_ID", "114896151713920");

    @Test
    void theWhatsAppChannelIsOnWithAllFourSecretsAndMetasDefaults() {
        assertThat(ServerConfig.fromEnvironment(Map.of()).whatsapp()).isEmpty();
        WhatsAppSettings settings = ServerConfig.fromEnvironment(WHATSAPP).whatsapp().orElseThrow();
        assertThat(settings.graphUrl()).isEqualTo(URI.create("https://graph.facebook.com"));
        assertThat(settings.messagesPath()).isEqualTo("/v23.0/114896151713920/messages");
        assertThat(settings.messagesPerSecond()).isEqualTo(80);
        assertThat(settings.reopenTemplate()).isEqualTo("signpost_reply_waiting");
        assertThat(settings.toString()).doesNotContain("secret").doesNotContain("EAAG");

        Map<String, String> local = new HashMap<>(WHATSAPP);
        local.putAll(Map.of("WHATSAPP_GRAPH_URL", "http://localhost:9999/graph", "WHATSAPP_API_VERSION", "v21.0",
                "WHATSAPP_MESSAGES_PER_SECOND", "250", "WHATSAPP_SETTLE_MS", "0"));
        WhatsAppSettings configured = ServerConfig.fromEnvironment(local).whatsapp().orElseThrow();
        assertThat(configured.messagesPath()).isEqualTo("/graph/v21.0/114896151713920/messages");
        assertThat(configured.messagesPerSecond()).isEqualTo(250);
        assertThat(configured.settleTime()).isZero();
    }

    @Test
    void aHalfConfiguredWhatsAppChannelStopsStartUpNamingWhatIsMissing() {
        Map<String, String> half = new HashMap<>(WHATSAPP);
        half.remove("WHATSAPP_APP_SECRET");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(half)).hasMessageContaining("WHATSAPP_APP_SECRET");
        for (Map.Entry<String, String> wrong : Map.of("WHATSAPP_PHONE_NUMBER_ID", "+44 7700", "WHATSAPP_API_VERSION", "23",
                "WHATSAPP_GRAPH_URL", "graph.facebook.com", "WHATSAPP_MESSAGES_PER_SECOND", "0").entrySet()) {
            Map<String, String> environment = new HashMap<>(WHATSAPP);
            environment.put(wrong.getKey(), wrong.getValue());
            assertThatThrownBy(() -> ServerConfig.fromEnvironment(environment)).hasMessageContaining(wrong.getKey());
        }
    }
    @Test
    void thePhoneLineIsOnByDefaultKeypadOnlyUntilSpeechIsConfigured() {
        VoiceSettings line = ServerConfig.fromEnvironment(Map.of("SIGNPOST_DATA_DIR", "/srv/signpost")).voice().orElseThrow();
        assertThat(line.port()).isEqualTo(4573);
        assertThat(line.spoolDirectory()).isEqualTo(java.nio.file.Path.of("/srv/signpost/voice-spool"));
        assertThat(line.navigatorQueue()).isEqualTo("navigators");
        assertThat(line.speechEndpoint()).isEmpty();
        // Open to an Asterisk on the same host only, until told otherwise: FastAGI has no authentication.
        assertThat(line.bindAddress().isLoopbackAddress()).isTrue();
        assertThat(line.allowedAsterisks()).isEmpty();

        assertThat(ServerConfig.fromEnvironment(Map.of("FASTAGI_PORT", "0")).voice()).isEmpty();
        VoiceSettings google = ServerConfig.fromEnvironment(Map.of("GOOGLE_APPLICATION_CREDENTIALS", "/keys/speech.json"))
                .voice().orElseThrow();
        assertThat(google.speechEndpoint()).contains("speech.googleapis.com:443");
        assertThat(google.speechPlaintext()).isFalse();
        VoiceSettings local = ServerConfig.fromEnvironment(Map.of("FASTAGI_PORT", "4600", "VOICE_SPOOL_DIR", "/var/spool/signpost",
                "VOICE_QUEUE", "care-navigators", "SPEECH_ENDPOINT", "127.0.0.1:9999", "SPEECH_PLAINTEXT", "true",
                "VOICE_MIN_CONFIDENCE", "0.7")).voice().orElseThrow();
        assertThat(local.port()).isEqualTo(4600);
        assertThat(local.spoolDirectory()).isEqualTo(java.nio.file.Path.of("/var/spool/signpost"));
        assertThat(local.navigatorQueue()).isEqualTo("care-navigators");
        assertThat(local.speechEndpoint()).contains("127.0.0.1:9999");
        assertThat(local.speechPlaintext()).isTrue();
        assertThat(local.minimumConfidence()).isEqualTo(0.7f);
        assertThat(local.ami()).isEmpty();
        VoiceSettings withAmi = ServerConfig.fromEnvironment(Map.of("AMI_HOST", "pbx.example.org", "AMI_USER", "signpost",
                "AMI_SECRET", "s3cret")).voice().orElseThrow();
        assertThat(withAmi.ami().orElseThrow().port()).isEqualTo(5038);
        assertThat(withAmi.ami().orElseThrow().toString()).doesNotContain("s3cret");
    }

    @Test
    void aWrongPhoneLineSettingStopsStartUpNamingIt() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("FASTAGI_PORT", "70000")))
                .hasMessageContaining("FASTAGI_PORT");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("VOICE_QUEUE", "navigators; Dial(evil)")))
                .hasMessageContaining("VOICE_QUEUE");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("SPEECH_ENDPOINT", "https://speech.example.org")))
                .hasMessageContaining("SPEECH_ENDPOINT");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("SPEECH_PLAINTEXT", "yes")))
                .hasMessageContaining("SPEECH_PLAINTEXT");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("AMI_HOST", "pbx.example.org")))
                .hasMessageContaining("AMI_USER, AMI_SECRET");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("AMI_PORT", "5039")))
                .hasMessageContaining("AMI_PORT").hasMessageContaining("AMI_HOST");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("SPEECH_PLAINTEXT", "true")))
                .hasMessageContaining("SPEECH_ENDPOINT");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("SPEECH_ENDPOINT", "speech.googleapis.com:443",
                "SPEECH_PLAINTEXT", "true"))).hasMessageContaining("SPEECH_ENDPOINT").hasMessageContaining("TLS");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("SPEECH_ENDPOINT", "speech.example.org:70000")))
                .hasMessageContaining("SPEECH_ENDPOINT");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("PORT", "4573")))
                .hasMessageContaining("FASTAGI_PORT").hasMessageContaining("PORT");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("FASTAGI_HOST", "pbx.example.org")))
                .hasMessageContaining("FASTAGI_HOST");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("FASTAGI_ALLOW", "10.0.0.5, asterisk.local")))
                .hasMessageContaining("FASTAGI_ALLOW").hasMessageContaining("asterisk.local");
    }

    @Test
    void anAsteriskOnAnotherHostIsAllowedByAddress() throws Exception {
        VoiceSettings line = ServerConfig.fromEnvironment(Map.of("FASTAGI_HOST", "0.0.0.0",
                "FASTAGI_ALLOW", "10.0.0.5, 10.0.0.6,fd00::5")).voice().orElseThrow();
        assertThat(line.bindAddress().isAnyLocalAddress()).isTrue();
        assertThat(line.allows(java.net.InetAddress.getByName("10.0.0.6"))).isTrue();
        assertThat(line.allows(java.net.InetAddress.getByName("fd00::5"))).isTrue();
        assertThat(line.allows(java.net.InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(line.allows(java.net.InetAddress.getByName("10.0.0.7"))).isFalse();
        assertThat(line.toString()).contains("0.0.0.0:4573").contains("10.0.0.5");
    }
}
