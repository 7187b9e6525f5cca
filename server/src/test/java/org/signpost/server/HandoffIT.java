package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signpost.core.staff.Role;

/**
 * A person on the web chat asks for a person; navigators see it on their live console, one
 * claims it, they talk both ways, and the navigator hands back to the bot. Real sockets, real
 * HTTP (web-widget/PROTOCOL.md).
 */
class HandoffIT {

    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(ServerConfig.fromEnvironment(Map.of(
                "SIGNPOST_JWT_SECRET", "a-test-secret-that-is-long-enough-0123")));
        server.addStaff("sam", "password sam", Role.NAVIGATOR);
        server.addStaff("alex", "password alex", Role.NAVIGATOR);
        server.addStaff("svc", "password svc", Role.SERVICE_ADMIN);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String login(String username) throws Exception {
        HttpResponse<String> response = server.postJson("/api/login",
                new JsonObject().put("username", username).put("password", "password " + username).encode());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getString("token");
    }

    private static HttpResponse<String> call(String method, String path, String token, JsonObject body) throws Exception {
        return server.send(HttpRequest.newBuilder(server.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).build());
    }

    private static SocketClient console(String token) throws Exception {
        SocketClient console = SocketClient.connect(server, "/ws/console");
        console.send(new JsonObject().put("type", "auth").put("token", token));
        assertThat(console.next("ready").getString("navigator")).isNotBlank();
        return console;
    }

    /** The next queue frame in which {@code list} holds the conversation (or, with {@code present} false, does not). */
    private static JsonObject queueWith(SocketClient console, String list, String conversation, boolean present) throws Exception {
        return console.next(frame -> "queue".equals(frame.getString("type"))
                && frame.getJsonArray(list).stream().anyMatch(item -> conversation.equals(((JsonObject) item).getString("conversation_id")))
                == present, list + (present ? " with " : " without ") + conversation);
    }

    private static JsonObject message(String text) {
        return new JsonObject().put("type", "message").put("text", text);
    }

    @Test
    void aNavigatorClaimsTalksBothWaysAndHandsBackToTheBot() throws Exception {
        String sam = login("sam");
        String alex = login("alex");
        try (SocketClient person = SocketClient.connect(server, "/ws/chat");
                SocketClient samsConsole = console(sam);
                SocketClient alexsConsole = console(alex)) {
            person.send(message("hello"));
            String conversation = "web:" + person.next("session").getString("session_id");
            person.next("bot");
            person.send(new JsonObject().put("type", "button").put("payload", "/human_handoff").put("title", "Talk to a person"));
            JsonObject queued = person.next("handoff");
            assertThat(queued.getString("state")).isEqualTo("waiting");
            assertThat(queued.getString("navigator")).isEmpty();

            // Both navigators see it appear.
            JsonObject waiting = queueWith(samsConsole, "waiting", conversation, true).getJsonArray("waiting").stream()
                    .map(JsonObject.class::cast).filter(item -> item.getString("conversation_id").equals(conversation))
                    .findFirst().orElseThrow();
            queueWith(alexsConsole, "waiting", conversation, true);
            assertThat(waiting.getString("channel")).isEqualTo("web");
            assertThat(waiting.getString("reason")).isEqualTo("asked for a person");
            assertThat(waiting.getString("priority")).isEqualTo("routine");

            // Sam claims it; Alex's claim loses and is told who has it.
            HttpResponse<String> won = call("POST", "/api/escalations/" + waiting.getString("id") + "/claim", sam, null);
            assertThat(won.statusCode()).as(won.body()).isEqualTo(200);
            HttpResponse<String> lost = call("POST", "/api/escalations/" + waiting.getString("id") + "/claim", alex, null);
            assertThat(lost.statusCode()).isEqualTo(409);
            assertThat(new JsonObject(lost.body()).getString("holder")).isEqualTo("sam");
            queueWith(samsConsole, "mine", conversation, true);
            queueWith(alexsConsole, "waiting", conversation, false);
            JsonObject joined = person.next("handoff");
            assertThat(joined.getString("state")).isEqualTo("joined");
            assertThat(joined.getString("navigator")).isEqualTo("sam");

            // They talk both ways; the bot stays quiet while Sam is there.
            samsConsole.send(new JsonObject().put("type", "watch").put("conversation_id", conversation));
            samsConsole.drain(Duration.ofMillis(300));
            HttpResponse<String> said = call("POST", "/api/conversations/" + conversation + "/messages", sam,
                    new JsonObject().put("text", "Hello, I'm Sam. How can I help?"));
            assertThat(said.statusCode()).as(said.body()).isEqualTo(201);
            JsonObject fromSam = person.next("navigator");
            assertThat(fromSam.getString("text")).isEqualTo("Hello, I'm Sam. How can I help?");
            assertThat(fromSam.getString("navigator")).isEqualTo("sam");
            assertThat(fromSam.getInteger("seq")).isEqualTo(new JsonObject(said.body()).getInteger("seq"));

            person.drain(Duration.ofMillis(200));
            person.send(message("my mum keeps falling at home"));
            JsonObject heard = samsConsole.next(frame -> "entry".equals(frame.getString("type"))
                    && "user".equals(frame.getJsonObject("entry").getString("type")), "the person's message");
            assertThat(heard.getJsonObject("entry").getString("text")).isEqualTo("my mum keeps falling at home");
            // Neither an answer from the bot nor a sign that it is writing one.
            assertThat(person.drain(Duration.ofMillis(800)))
                    .noneMatch(frame -> "bot".equals(frame.getString("type")) || "typing".equals(frame.getString("type")));

            // Only the holder may write; notes are for staff only.
            assertThat(call("POST", "/api/conversations/" + conversation + "/messages", alex,
                    new JsonObject().put("text", "hi")).statusCode()).isEqualTo(409);
            assertThat(call("POST", "/api/conversations/" + conversation + "/notes", sam,
                    new JsonObject().put("text", "falls: consider the falls service")).statusCode()).isEqualTo(201);
            assertThat(samsConsole.next(frame -> "entry".equals(frame.getString("type"))
                    && "note".equals(frame.getJsonObject("entry").getString("type")), "the note")).isNotNull();

            JsonObject read = new JsonObject(call("GET", "/api/conversations/" + conversation, sam, null).body());
            assertThat(read.getJsonObject("handoff")).isEqualTo(new JsonObject().put("state", "joined").put("navigator", "sam"));
            assertThat(read.getString("channel")).isEqualTo("web");
            JsonArray transcript = read.getJsonArray("transcript");
            assertThat(transcript.stream().map(JsonObject.class::cast).map(line -> line.getString("type") + ":" + line.getString("text")))
                    .contains("user:Talk to a person", "navigator:Hello, I'm Sam. How can I help?",
                            "user:my mum keeps falling at home", "note:falls: consider the falls service");

            // Bad releases are refused clearly; a hand-back brings the bot back.
            assertThat(call("POST", "/api/conversations/" + conversation + "/release", sam,
                    new JsonObject().put("outcome", "vanished")).statusCode()).isEqualTo(400);
            assertThat(call("POST", "/api/conversations/" + conversation + "/release", alex,
                    new JsonObject().put("outcome", "handed_back")).statusCode()).isEqualTo(409);
            assertThat(call("POST", "/api/conversations/" + conversation + "/release", sam,
                    new JsonObject().put("outcome", "handed_back")).statusCode()).isEqualTo(200);
            assertThat(person.next("handoff").getString("state")).isEqualTo("left");
            queueWith(samsConsole, "mine", conversation, false);
            person.send(message("hello"));
            assertThat(person.next("bot").getString("text")).contains("Signpost");
        }
    }

    @Test
    void theConsoleRefusesWhoeverIsNotANavigator() throws Exception {
        try (SocketClient anonymous = SocketClient.connect(server, "/ws/console")) {
            anonymous.send(new JsonObject().put("type", "watch").put("conversation_id", "web:x"));
            assertThat(anonymous.next("error").getString("error")).isEqualTo("unauthorised");
            assertThat(anonymous.awaitClose()).isEqualTo(1008);
        }
        try (SocketClient forged = SocketClient.connect(server, "/ws/console")) {
            forged.send(new JsonObject().put("type", "auth").put("token", "not.a.token"));
            assertThat(forged.next("error").getString("error")).isEqualTo("unauthorised");
            assertThat(forged.awaitClose()).isEqualTo(1008);
        }
        try (SocketClient serviceAdmin = SocketClient.connect(server, "/ws/console")) {
            serviceAdmin.send(new JsonObject().put("type", "auth").put("token", login("svc")));
            assertThat(serviceAdmin.next("error").getString("detail")).contains("navigator");
            assertThat(serviceAdmin.awaitClose()).isEqualTo(1008);
        }
        assertThat(call("GET", "/api/escalations", login("svc"), null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/conversations/web:nothing", login("sam"), null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/escalations/nothing/claim", login("sam"), null).statusCode()).isEqualTo(404);
    }
}
