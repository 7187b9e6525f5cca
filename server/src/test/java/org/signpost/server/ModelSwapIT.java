package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /model/train} swaps in a new model while the server keeps answering. */
class ModelSwapIT {

    private static final String TOKEN = "test-token-0123456789";
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(ServerConfig.fromEnvironment(Map.of()).withModelToken(TOKEN));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The shipped training data as one Rasa YAML document, plus {@code extra} items. */
    private static String shippedDataWith(String extra) throws Exception {
        StringBuilder yaml = new StringBuilder("version: \"3.1\"\nnlu:\n");
        try (var files = Files.list(Path.of("..", "nlu-models", "data"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.startsWith("version:") && !line.equals("nlu:")) {
                        yaml.append(line).append('\n');
                    }
                }
            }
        }
        return yaml.append(extra).toString();
    }

    private static HttpResponse<String> train(String yaml, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/model/train")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(yaml));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return server.send(request.build());
    }

    @Test
    void refusesWithoutTheToken() throws Exception {
        assertThat(train("nlu: []", null).statusCode()).isEqualTo(401);
        assertThat(train("nlu: []", "Bearer wrong-token-000000").statusCode()).isEqualTo(401);
    }

    @Test
    void refusesDataTheDialogueCannotWorkWith() throws Exception {
        HttpResponse<String> response = train("""
                version: "3.1"
                nlu:
                - intent: greet
                  examples: |
                    - hi
                - intent: goodbye
                  examples: |
                    - bye
                """, "Bearer " + TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("error")).isEqualTo("invalid_training_data");
        assertThat(body.getString("detail")).contains("find_service").contains("human_handoff");
    }

    @Test
    void refusesMalformedDataNamingTheLine() throws Exception {
        HttpResponse<String> response = train("nlu:\n- intent: greet\n  examples: |\n    hi\n", "Bearer " + TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("detail")).startsWith("request body:4:");
    }

    @Test
    void reportsOnTestExamplesAsRasaDoes() throws Exception {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/model/test/intents"))
                .header("Content-Type", "application/yaml").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        version: "3.1"
                        nlu:
                        - intent: greet
                          examples: |
                            - good morning
                            - hiya
                        - intent: human_handoff
                          examples: |
                            - can I talk to a real person
                        """)).build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject report = new JsonObject(response.body());
        assertThat(report.getDouble("accuracy")).isEqualTo(1.0);
        assertThat(report.getJsonObject("greet").getInteger("support")).isEqualTo(2);
        assertThat(report.getJsonObject("macro avg").fieldNames()).contains("precision", "recall", "f1-score", "support");
    }

    @Test
    void swapsInANewModelWithoutFailingARequest() throws Exception {
        String yaml = shippedDataWith("""
                - intent: ask_about_elephants
                  examples: |
                    - purple elephant dance party
                    - tell me about the purple elephants
                    - do elephants dance
                    - elephant party time
                    - I love purple elephants
                """);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger served = new AtomicInteger();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService load = Executors.newFixedThreadPool(3);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            int client = c;
            clients.add(load.submit(() -> {
                int i = 0;
                while (running.get() && i < 20_000) {
                    HttpResponse<String> response = client == 0
                            ? server.postJson("/webhooks/rest/webhook", "{\"sender\":\"swap-" + (i % 7) + "\",\"message\":\"hello\"}")
                            : server.postJson("/model/parse", "{\"text\":\"I need help with falls " + i + "\"}");
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    served.incrementAndGet();
                    i++;
                }
                return null;
            }));
        }
        Thread.sleep(200);
        HttpResponse<String> trained = train(yaml, "Bearer " + TOKEN);
        Thread.sleep(200);
        running.set(false);
        for (Future<?> client : clients) {
            client.get();
        }
        load.shutdown();

        assertThat(trained.statusCode()).as(trained.body()).isEqualTo(200);
        assertThat(new JsonObject(trained.body()).getInteger("intents")).isEqualTo(28);
        assertThat(served.get()).isGreaterThan(50);
        assertThat(statuses).containsOnlyKeys(200);
        JsonObject parsed = new JsonObject(server.postJson("/model/parse", "{\"text\":\"purple elephant dance party\"}").body());
        assertThat(parsed.getJsonObject("intent").getString("name")).isEqualTo("ask_about_elephants");
    }
}
