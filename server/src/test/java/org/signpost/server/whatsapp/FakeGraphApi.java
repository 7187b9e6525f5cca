package org.signpost.server.whatsapp;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Meta's Graph API as far as sending WhatsApp messages goes: {@code POST /{version}/{phone-number-id}/messages}
 * answers Meta's success body with a fresh {@code wamid}, or, when told to, Meta's error bodies
 * (the shapes of https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
 * Every request is recorded: path, bearer token and body.
 */
public final class FakeGraphApi implements AutoCloseable {

    /** A request the fake received and what it answered. */
    public record Request(String path, String authorization, JsonObject body, int status, String wamid) {
        public String to() {
            return body.getString("to");
        }

        public String type() {
            return body.getString("type");
        }

        /** The text a person reads first: a text's body or an interactive message's body. */
        public String text() {
            return switch (type()) {
                case "text" -> body.getJsonObject("text").getString("body");
                case "interactive" -> body.getJsonObject("interactive").getJsonObject("body").getString("text");
                case "template" -> "[template " + body.getJsonObject("template").getString("name") + "]";
                default -> "";
            };
        }

        /** The ids of reply buttons or list rows offered. */
        public List<String> optionIds() {
            List<String> ids = new ArrayList<>();
            if (!type().equals("interactive")) {
                return ids;
            }
            JsonObject interactive = body.getJsonObject("interactive");
            JsonObject action = interactive.getJsonObject("action");
            if (interactive.getString("type").equals("button")) {
                action.getJsonArray("buttons").forEach(b -> ids.add(((JsonObject) b).getJsonObject("reply").getString("id")));
            } else {
                action.getJsonArray("sections").forEach(s -> ((JsonObject) s).getJsonArray("rows")
                        .forEach(r -> ids.add(((JsonObject) r).getString("id"))));
            }
            return ids;
        }
    }

    private record Answer(int status, JsonObject body) {
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Scripted answers per recipient: tests running one after another must not take each other's. */
    private final Map<String, Queue<Answer>> script = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile int failEverything;
    /** Per recipient, how long the next send's answer is held back (ms). */
    private final Map<String, Long> lateBy = new ConcurrentHashMap<>();

    private FakeGraphApi(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    public static FakeGraphApi start() throws Exception {
        return start(0);
    }

    public static FakeGraphApi start(int port) throws Exception {
        Vertx vertx = Vertx.vertx();
        FakeGraphApi[] fake = new FakeGraphApi[1];
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> fake[0].answer(request, body.toString())))
                .listen(port).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        fake[0] = new FakeGraphApi(vertx, server);
        return fake[0];
    }

    private void answer(HttpServerRequest request, String text) {
        String path = request.path();
        JsonObject body = text.isEmpty() ? new JsonObject() : new JsonObject(text);
        Answer answer = failEverything > 0 ? new Answer(failEverything, error(131000, "Something went wrong", "OAuthException", 2494010))
                : script.getOrDefault(String.valueOf(body.getValue("to")), new ConcurrentLinkedQueue<>()).poll();
        if (request.method() != HttpMethod.POST || !path.matches("/v[0-9.]+/[0-9]+/messages")) {
            answer = new Answer(400, error(100, "Unsupported post request", "GraphMethodException", 33));
        }
        if (answer == null) {
            String id = "wamid.HBgL" + Base64.getEncoder().withoutPadding()
                    .encodeToString(("fake-" + ids.incrementAndGet()).getBytes());
            answer = new Answer(200, new JsonObject().put("messaging_product", "whatsapp")
                    .put("contacts", new JsonArray().add(new JsonObject().put("input", body.getString("to")).put("wa_id", body.getString("to"))))
                    .put("messages", new JsonArray().add(new JsonObject().put("id", id))));
        }
        String wamid = answer.status() == 200 ? answer.body().getJsonArray("messages").getJsonObject(0).getString("id") : "";
        requests.add(new Request(path, request.getHeader("Authorization"), body, answer.status(), wamid));
        Answer given = answer;
        Runnable respond = () -> request.response().setStatusCode(given.status()).putHeader("Content-Type", "application/json")
                .end(given.body().encode());
        Long late = lateBy.remove(String.valueOf(body.getValue("to")));
        if (late == null) {
            respond.run();
        } else {
            vertx.setTimer(late, timer -> respond.run());
        }
    }

    /**
     * The next send to {@code waId} is seen at once but answered {@code millis} later: a report
     * on it can then come before the sender has heard its id, as it can from Meta.
     */
    public FakeGraphApi answerLate(String waId, long millis) {
        lateBy.put(waId, millis);
        return this;
    }

    /** Meta's error body. */
    public static JsonObject error(int code, String message, String type, int subcode) {
        return new JsonObject().put("error", new JsonObject()
                .put("message", "(#" + code + ") " + message)
                .put("type", type)
                .put("code", code)
                .put("error_data", new JsonObject().put("messaging_product", "whatsapp").put("details", message))
                .put("error_subcode", subcode)
                .put("fbtrace_id", "A" + Long.toHexString(System.nanoTime())));
    }

    /** The next send to {@code waId} is answered with Meta's error {@code code} and HTTP {@code status}. */
    public FakeGraphApi failNext(String waId, int status, int code, String message) {
        script.computeIfAbsent(waId, to -> new ConcurrentLinkedQueue<>()).add(new Answer(status, error(code, message, "OAuthException", 2494055)));
        return this;
    }

    /** Every send fails with {@code status} (0: back to normal). */
    public void failEverything(int status) {
        failEverything = status;
    }

    public String url() {
        return "http://localhost:" + server.actualPort();
    }

    public int port() {
        return server.actualPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The accepted messages to {@code waId}, in the order they were accepted. */
    public List<Request> delivered(String waId) {
        return requests.stream().filter(r -> r.status() == 200 && waId.equals(r.to())).toList();
    }

    /** Waits until {@code waId} has received at least {@code count} messages; answers them all. */
    public List<Request> awaitDelivered(String waId, int count) throws InterruptedException {
        return await(() -> delivered(waId), list -> list.size() >= count, "at least " + count + " messages to " + waId);
    }

    /** Waits for the messages to {@code waId} to contain one matching {@code wanted}; answers them all. */
    public List<Request> awaitDelivered(String waId, Predicate<Request> wanted, String what) throws InterruptedException {
        return await(() -> delivered(waId), list -> list.stream().anyMatch(wanted), what);
    }

    public List<Request> await(Supplier<List<Request>> read, Predicate<List<Request>> done, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Request> seen = read.get();
        while (!done.test(seen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the Graph API did not receive " + what + "; it received: "
                        + seen.stream().map(Request::text).toList());
            }
            Thread.sleep(25);
            seen = read.get();
        }
        return seen;
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
