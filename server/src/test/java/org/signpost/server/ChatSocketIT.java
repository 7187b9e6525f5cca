package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The widget's WebSocket, /ws/chat, spoken by a real WebSocket client (web-widget/PROTOCOL.md). */
class ChatSocketIT {

    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static SocketClient chat() throws Exception {
        return SocketClient.connect(server, "/ws/chat");
    }

    private static JsonObject message(String text) {
        return new JsonObject().put("type", "message").put("text", text);
    }

    private static JsonObject resume(String session, int lastSeq) {
        return new JsonObject().put("type", "resume").put("session_id", session).put("last_seq", lastSeq);
    }

    @Test
    void aFirstMessageStartsASessionAndEveryLineIsNumberedInOrder() throws Exception {
        try (SocketClient chat = chat()) {
            chat.send(message("hello"));
            JsonObject session = chat.next("session");
            assertThat(session.getString("session_id")).matches("[A-Za-z0-9_-]{22}");
            assertThat(session.getBoolean("resumed")).isFalse();
            assertThat(chat.next("user")).isEqualTo(new JsonObject().put("type", "user").put("seq", 1).put("text", "hello"));
            JsonObject greeting = chat.next("bot");
            assertThat(greeting.getInteger("seq")).isEqualTo(2);
            assertThat(greeting.getString("text")).contains("Signpost", "999");
            assertThat(greeting.getJsonArray("buttons").stream().map(b -> ((JsonObject) b).getString("title")))
                    .contains("Talk to a person");

            chat.send(message("what can you do"));
            List<JsonObject> lines = chat.linesUpTo(4);
            assertThat(lines.get(0)).isEqualTo(new JsonObject().put("type", "user").put("seq", 3).put("text", "what can you do"));
            assertThat(lines.get(1).getString("type")).isEqualTo("bot");
        }
    }

    @Test
    void messagesSentBeforeTheSessionIsReadyAreAllAnsweredOnTheSocket() throws Exception {
        try (SocketClient chat = chat()) {
            chat.send(message("hello"));
            chat.send(message("what can you do"));
            List<JsonObject> lines = chat.linesUpTo(4);
            assertThat(lines).extracting(line -> line.getInteger("seq")).containsExactly(1, 2, 3, 4);
            assertThat(lines).extracting(line -> line.getString("type")).containsExactly("user", "bot", "user", "bot");
        }
    }

    @Test
    void aPressedButtonShowsItsTitleAndIsUnderstoodByItsPayload() throws Exception {
        try (SocketClient chat = chat()) {
            chat.send(message("hi"));
            JsonObject greeting = chat.next("bot");
            JsonObject findService = greeting.getJsonArray("buttons").stream().map(JsonObject.class::cast)
                    .filter(button -> button.getString("payload").equals("/find_service")).findFirst().orElseThrow();
            chat.send(new JsonObject().put("type", "button").put("payload", findService.getString("payload"))
                    .put("title", findService.getString("title")));
            assertThat(chat.next("user").getString("text")).isEqualTo("Find a service");
            assertThat(chat.next("bot").getString("text")).isNotEqualTo(greeting.getString("text"));
        }
    }

    @Test
    void aButtonTheBotDidNotJustOfferStillShowsTheTitlePressedNowAndAfterAReload() throws Exception {
        String session;
        try (SocketClient chat = chat()) {
            chat.send(message("I need help with falls"));
            session = chat.next("session").getString("session_id");
            chat.next("bot");
            chat.send(new JsonObject().put("type", "button").put("payload", "/human_handoff").put("title", "Talk to a person"));
            assertThat(chat.next(frame -> "user".equals(frame.getString("type")) && frame.getInteger("seq") > 1, "the press")
                    .getString("text")).isEqualTo("Talk to a person");
        }
        try (SocketClient reloaded = chat()) {
            reloaded.send(resume(session, 0));
            assertThat(reloaded.linesUpTo(3).get(2).getString("text")).isEqualTo("Talk to a person");
        }
    }

    @Test
    void repliesMissedWhileDisconnectedAreReplayedAndAReloadGetsTheWholeConversation() throws Exception {
        String session;
        List<JsonObject> seen;
        try (SocketClient first = chat()) {
            first.send(message("hello"));
            session = first.next("session").getString("session_id");
            seen = first.linesUpTo(2);
            // The connection drops right after the next message is sent: its replies come while no one listens.
            first.send(message("where can I get help with my drinking"));
            first.next("user");
        }
        try (SocketClient reconnected = chat()) {
            reconnected.send(resume(session, 3));
            assertThat(reconnected.next("session")).isEqualTo(new JsonObject().put("type", "session")
                    .put("session_id", session).put("resumed", true));
            JsonObject missed = reconnected.next(frame -> frame.containsKey("seq"), "a replayed line");
            assertThat(missed.getInteger("seq")).isEqualTo(4);
            assertThat(missed.getString("type")).isEqualTo("bot");
        }
        try (SocketClient reloaded = chat()) {
            reloaded.send(resume(session, 0));
            reloaded.next("session");
            List<JsonObject> everything = reloaded.linesUpTo(4);
            assertThat(everything.subList(0, 2)).isEqualTo(seen);
            assertThat(everything.get(2)).isEqualTo(new JsonObject().put("type", "user").put("seq", 3)
                    .put("text", "where can I get help with my drinking"));
            // Nothing is sent twice and nothing is left out.
            assertThat(everything).extracting(line -> line.getInteger("seq")).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void twoTabsOnOneSessionBothSeeEveryLine() throws Exception {
        try (SocketClient first = chat(); SocketClient second = chat()) {
            first.send(message("hello"));
            String session = first.next("session").getString("session_id");
            first.linesUpTo(2);
            second.send(resume(session, 2));
            second.next("session");
            first.send(message("what can you do"));
            assertThat(second.next("user").getString("text")).isEqualTo("what can you do");
            assertThat(second.next("bot").getInteger("seq")).isEqualTo(4);
        }
    }

    @Test
    void badFramesGetAClearErrorAndTheSocketStaysOpen() throws Exception {
        try (SocketClient chat = chat()) {
            Map<String, String> errors = new LinkedHashMap<>();
            errors.put("not json", "invalid_frame");
            errors.put("{\"type\":\"dance\"}", "invalid_frame");
            errors.put("{\"type\":\"message\"}", "invalid_frame");
            errors.put("{\"type\":\"message\",\"text\":\"   \"}", "invalid_frame");
            errors.put("{\"type\":\"message\",\"text\":42}", "invalid_frame");
            errors.put(message("x".repeat(2_001)).encode(), "invalid_frame");
            errors.put("{\"type\":\"resume\",\"session_id\":\"../../etc\",\"last_seq\":0}", "unknown_session");
            errors.put("{\"type\":\"resume\",\"session_id\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"last_seq\":-1}", "invalid_frame");
            for (Map.Entry<String, String> bad : errors.entrySet()) {
                chat.sendText(bad.getKey());
                JsonObject error = chat.next("error");
                assertThat(error.getString("error")).as(bad.getKey()).isEqualTo(bad.getValue());
                assertThat(error.getString("detail")).as(bad.getKey()).isNotBlank();
            }
            chat.send(new JsonObject().put("type", "ping"));
            assertThat(chat.next("pong")).isNotNull();
            assertThat(chat.isClosed()).isFalse();
        }
    }

    @Test
    void aResumeOfAConversationTheServerDoesNotHaveIsRefused() throws Exception {
        try (SocketClient chat = chat()) {
            chat.send(resume("AAAAAAAAAAAAAAAAAAAAAA", 5));
            assertThat(chat.next("error").getString("error")).isEqualTo("unknown_session");
        }
    }

    @Test
    void aFloodOfFramesIsRateLimited() throws Exception {
        try (SocketClient chat = chat()) {
            for (int i = 0; i < 15; i++) {
                chat.send(new JsonObject().put("type", "ping"));
            }
            List<JsonObject> answers = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                answers.add(chat.next(frame -> true, "an answer to ping " + i));
            }
            assertThat(answers.stream().filter(frame -> "pong".equals(frame.getString("type")))).hasSizeBetween(10, 11);
            assertThat(answers.stream().filter(frame -> "rate_limited".equals(frame.getString("error")))).hasSizeGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void anOversizedFrameClosesTheSocketAsTooBig() throws Exception {
        try (SocketClient chat = chat()) {
            chat.sendText(message("x".repeat(20_000)).encode());
            assertThat(chat.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void binaryFramesAreRefused() throws Exception {
        try (SocketClient chat = chat()) {
            chat.sendBinary(new byte[] {1, 2, 3});
            assertThat(chat.next("error").getString("error")).isEqualTo("invalid_frame");
        }
    }

    @Test
    void aPlainRequestIsToldToUseAWebSocket() throws Exception {
        var response = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/ws/chat")).GET().build());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("websocket_required");
    }

    @Test
    void anIdleSocketIsClosedAfterTheConfiguredTime() throws Exception {
        try (RunningServer quick = RunningServer.start(ServerConfig.fromEnvironment(Map.of("SIGNPOST_CHAT_IDLE_SECONDS", "1")));
                SocketClient chat = SocketClient.connect(quick, "/ws/chat")) {
            chat.send(message("hello"));
            chat.next("bot");
            assertThat(chat.next("error").getString("error")).isEqualTo("idle_timeout");
            assertThat(chat.awaitClose()).isEqualTo(1000);
        }
    }
}
