package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code NLU_BACKEND=rasa}, messages are parsed by a Rasa server; here a local HTTP server
 * that answers exactly as Rasa's {@code POST /model/parse} documents, or fails on purpose.
 */
class RasaDelegateIT {

    enum Mode { ANSWER, ERROR, SLOW, GARBAGE }

    private static final AtomicReference<Mode> MODE = new AtomicReference<>(Mode.ANSWER);
    private static final AtomicReference<JsonObject> RECEIVED = new AtomicReference<>();
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static Vertx rasaVertx;
    private static HttpServer rasa;
    private static RunningServer server;

    /** Rasa's documented answer for one message. */
    static JsonObject rasaAnswer(String text) {
        return new JsonObject()
                .put("text", text)
                .put("intent", new JsonObject().put("name", "human_handoff").put("confidence", 0.93))
                .put("entities", new JsonArray().add(new JsonObject().put("entity", "locality").put("start", 0).put("end", 3)
                        .put("value", "Stourbridge").put("extractor", "DIETClassifier").put("confidence_entity", 0.99)
                        .put("processors", new JsonArray().add("EntitySynonymMapper"))))
                .put("intent_ranking", new JsonArray()
                        .add(new JsonObject().put("name", "human_handoff").put("confidence", 0.93))
                        .add(new JsonObject().put("name", "help").put("confidence", 0.04)));
    }

    @BeforeAll
    static void start() throws Exception {
        rasaVertx = Vertx.vertx();
        rasa = rasaVertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            CALLS.incrementAndGet();
            JsonObject json = body.toJsonObject();
            RECEIVED.set(json);
            switch (MODE.get()) {
                case ANSWER -> request.response().putHeader("Content-Type", "application/json")
                        .end(rasaAnswer(json.getString("text")).encode());
                case ERROR -> request.response().setStatusCode(500).end("{\"version\":\"3.6.0\",\"status\":\"failure\"}");
                case SLOW -> rasaVertx.setTimer(3_000, t -> request.response().end(rasaAnswer(json.getString("text")).encode()));
                case GARBAGE -> request.response().putHeader("Content-Type", "application/json").end("[1,2");
            }
        })).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        server = RunningServer.start(ServerConfig.fromEnvironment(Map.of("NLU_BACKEND", "rasa",
                "RASA_URL", "http://localhost:" + rasa.actualPort(), "RASA_TIMEOUT_MS", "500")));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        rasaVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void answerNormally() {
        MODE.set(Mode.ANSWER);
    }

    private static JsonObject parse(String text) throws Exception {
        return new JsonObject(server.postJson("/model/parse", new JsonObject().put("text", text).encode()).body());
    }

    @Test
    void usesRasasUnderstanding() throws Exception {
        JsonObject result = parse("lye please");

        assertThat(RECEIVED.get()).isEqualTo(new JsonObject().put("text", "lye please"));
        assertThat(result.getJsonObject("intent")).isEqualTo(new JsonObject().put("name", "human_handoff").put("confidence", 0.93));
        JsonObject entity = result.getJsonArray("entities").getJsonObject(0);
        assertThat(entity.getString("value")).isEqualTo("Stourbridge");
        assertThat(entity.getString("extractor")).isEqualTo("DIETClassifier");
        assertThat(entity.getJsonArray("processors")).containsExactly("EntitySynonymMapper");
        assertThat(result.getJsonArray("intent_ranking").size()).isEqualTo(2);
    }

    @Test
    void conversationsFollowRasasIntent() throws Exception {
        JsonArray replies = new JsonArray(server.postJson("/webhooks/rest/webhook",
                "{\"sender\":\"rasa-user\",\"message\":\"hello there\"}").body());

        assertThat(replies.getJsonObject(0).getString("text")).contains("care navigator");
    }

    @Test
    void buttonPayloadsNeverGoToRasa() throws Exception {
        int before = CALLS.get();

        assertThat(parse("/greet").getJsonObject("intent").getString("name")).isEqualTo("greet");
        assertThat(CALLS.get()).isEqualTo(before);
    }

    @Test
    void fallsBackToTheLocalModelWhenRasaFails() throws Exception {
        MODE.set(Mode.ERROR);
        assertThat(parse("hello").getJsonObject("intent").getString("name")).isEqualTo("greet");

        MODE.set(Mode.GARBAGE);
        assertThat(parse("hello").getJsonObject("intent").getString("name")).isEqualTo("greet");
    }

    @Test
    void fallsBackToTheLocalModelWhenRasaIsSlow() throws Exception {
        MODE.set(Mode.SLOW);
        long started = System.nanoTime();

        assertThat(parse("hello").getJsonObject("intent").getString("name")).isEqualTo("greet");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2_500);
    }
}
