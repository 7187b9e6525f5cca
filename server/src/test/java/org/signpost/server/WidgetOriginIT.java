package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With WIDGET_ORIGINS set, only pages of those websites may open the web chat. */
class WidgetOriginIT {

    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(ServerConfig.fromEnvironment(Map.of("WIDGET_ORIGINS", "https://www.dudley.gov.uk")));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aPageOfTheWebsiteTheChatIsSetUpForChats() throws Exception {
        try (SocketClient chat = SocketClient.connect(server, "/ws/chat", Map.of("Origin", "https://www.dudley.gov.uk"))) {
            chat.send(new JsonObject().put("type", "message").put("text", "hello"));
            assertThat(chat.next("bot").getString("text")).isNotBlank();
        }
    }

    @Test
    void aPageOfAnotherWebsiteIsRefusedBeforeTheSocketOpens() throws Exception {
        assertThatThrownBy(() -> SocketClient.connect(server, "/ws/chat", Map.of("Origin", "https://dudley-health-help.example")))
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(403));

        HttpResponse<String> plain = server.send(HttpRequest.newBuilder(server.uri("/ws/chat"))
                .header("Origin", "https://dudley-health-help.example").GET().build());
        assertThat(plain.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(plain.body()).getString("error")).isEqualTo("origin_not_allowed");
    }

    @Test
    void aClientThatIsNotABrowserSendsNoOriginAndChats() throws Exception {
        try (SocketClient chat = SocketClient.connect(server, "/ws/chat")) {
            chat.send(new JsonObject().put("type", "message").put("text", "hello"));
            assertThat(chat.next("bot").getString("text")).isNotBlank();
        }
    }
}
