package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signpost.core.staff.Passwords;
import org.signpost.core.staff.Role;
import org.signpost.core.staff.StaffUser;

/**
 * Two server instances sharing one Redis, as behind a load balancer without sticky sessions: a
 * conversation that alternates between them keeps its state, and the queue is shared.
 */
class TwoInstancesIT {

    private static final String NAMESPACE = "signpost-it-" + UUID.randomUUID() + ":";
    private static RunningServer first;
    private static RunningServer second;

    @BeforeAll
    static void start() throws Exception {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("REDIS_URL", RunningServer.redisUrl(),
                "REDIS_NAMESPACE", NAMESPACE, "SIGNPOST_JWT_SECRET", "a-test-secret-that-is-long-enough-0123"));
        first = RunningServer.start(config);
        second = RunningServer.start(config);
    }

    @AfterAll
    static void stop() throws Exception {
        first.close();
        second.close();
        RunningServer.forgetRedis(NAMESPACE);
    }


    @Test
    void aConversationAlternatingBetweenInstancesKeepsItsState() throws Exception {
        assertThat(first.say("alternating", "I need help with falls")).contains("Which part of Dudley");
        assertThat(second.say("alternating", "we live in Sedgley")).contains("for falls in North Dudley");
        assertThat(first.say("alternating", "/find_service")).contains("What do you need help with?");
        assertThat(second.say("alternating", "/inform{\"service_category\": \"urgent care\"}"))
                .contains("for urgent care in North Dudley");
    }

    @Test
    void aNavigatorOnOneInstanceTalksWithAPersonWhoseChatIsOnTheOther() throws Exception {
        RunningServer.await(second.signpost().stores().staff().save(new StaffUser("nav-" + NAMESPACE,
                new Passwords(1_000).hash("navigator password"), Set.of(Role.NAVIGATOR))));
        String token = new JsonObject(second.postJson("/api/login", new JsonObject().put("username", "nav-" + NAMESPACE)
                .put("password", "navigator password").encode()).body()).getString("token");
        try (SocketClient person = SocketClient.connect(first, "/ws/chat");
                SocketClient console = SocketClient.connect(second, "/ws/console")) {
            console.send(new JsonObject().put("type", "auth").put("token", token));
            console.next("ready");
            person.send(new JsonObject().put("type", "message").put("text", "can I talk to a real person"));
            String conversation = "web:" + person.next("session").getString("session_id");
            person.next("handoff");
            JsonObject queued = console.next(frame -> "queue".equals(frame.getString("type")) && frame.getJsonArray("waiting")
                    .stream().anyMatch(item -> conversation.equals(((JsonObject) item).getString("conversation_id"))), "the escalation");
            String escalation = queued.getJsonArray("waiting").stream().map(JsonObject.class::cast)
                    .filter(item -> conversation.equals(item.getString("conversation_id"))).findFirst().orElseThrow().getString("id");
            console.send(new JsonObject().put("type", "watch").put("conversation_id", conversation));

            assertThat(staffCall(second, "POST", "/api/escalations/" + escalation + "/claim", token, null).statusCode()).isEqualTo(200);
            assertThat(person.next("handoff").getString("state")).isEqualTo("joined");
            assertThat(staffCall(second, "POST", "/api/conversations/" + conversation + "/messages", token,
                    new JsonObject().put("text", "Hello from the other instance")).statusCode()).isEqualTo(201);
            assertThat(person.next("navigator").getString("text")).isEqualTo("Hello from the other instance");
            person.send(new JsonObject().put("type", "message").put("text", "thank you, I can hear you"));
            assertThat(console.next(frame -> "entry".equals(frame.getString("type"))
                    && "user".equals(frame.getJsonObject("entry").getString("type")), "the person's reply")
                    .getJsonObject("entry").getString("text")).isEqualTo("thank you, I can hear you");
        }
    }

    private static java.net.http.HttpResponse<String> staffCall(RunningServer server, String method, String path, String token,
            JsonObject body) throws Exception {
        return server.send(java.net.http.HttpRequest.newBuilder(server.uri(path))
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body.encode()))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).build());
    }

    @Test
    void wrongPasswordsSpreadOverBothInstancesLockTheUsernameOnBoth() throws Exception {
        String username = "guessed-" + NAMESPACE;
        RunningServer.await(first.signpost().stores().staff().save(new StaffUser(username,
                new Passwords(1_000).hash("the right one"), Set.of(Role.NAVIGATOR))));
        for (int i = 0; i < 5; i++) {
            RunningServer instance = i % 2 == 0 ? first : second;
            assertThat(instance.postJson("/api/login", new JsonObject().put("username", username).put("password", "guess " + i)
                    .encode()).statusCode()).as("guess " + (i + 1)).isEqualTo(401);
        }

        for (RunningServer instance : List.of(first, second)) {
            assertThat(instance.postJson("/api/login", new JsonObject().put("username", username)
                    .put("password", "the right one").encode()).statusCode()).isEqualTo(429);
        }
    }

    @Test
    void anEscalationOnOneInstanceIsInTheQueueOfTheOther() throws Exception {
        first.say("shared-queue", "can I talk to a real person");

        assertThat(second.signpost().stores().escalations().waiting().toCompletionStage().toCompletableFuture()
                .get(5, TimeUnit.SECONDS))
                .anySatisfy(escalation -> assertThat(escalation.conversationId()).isEqualTo("shared-queue"));
    }

    @Test
    void twentyConcurrentMessagesOfOneConversationAreTakenOneTurnAtATime() throws Exception {
        String sender = "busy-" + UUID.randomUUID();
        ExecutorService senders = Executors.newFixedThreadPool(10);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RunningServer target = i % 2 == 0 ? first : second;
            String message = "/greet{\"note\": \"" + i + "\"}";
            sent.add(senders.submit(() -> target.postJson("/webhooks/rest/webhook",
                    new JsonObject().put("sender", sender).put("message", message).encode()).statusCode()));
        }
        for (Future<Integer> status : sent) {
            assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        }
        senders.shutdown();

        // Without the lock, turns would read the same empty history and each start a session.
        var events = RunningServer.await(first.signpost().stores().trackers().load(sender));
        assertThat(events).filteredOn(org.signpost.core.event.SessionStarted.class::isInstance).hasSize(1);
        List<String> kinds = events.stream()
                .filter(e -> e instanceof org.signpost.core.event.UserUttered || e instanceof org.signpost.core.event.BotUttered)
                .map(e -> e instanceof org.signpost.core.event.UserUttered ? "user" : "bot").toList();
        assertThat(kinds).hasSize(40);
        for (int i = 0; i < kinds.size(); i += 2) {
            assertThat(kinds.subList(i, i + 2)).containsExactly("user", "bot");
        }
    }

    @Test
    void readinessReportsRedis() throws Exception {
        JsonObject ready = new JsonObject(first.get("/ready").body());

        assertThat(ready.getJsonObject("checks").getJsonObject("redis").getString("status")).isEqualTo("ok");
        assertThat(ready.getJsonObject("checks").getJsonObject("stores").getString("detail")).startsWith("Redis");
    }
}
