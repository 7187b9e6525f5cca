package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whatever a client sends gets a clear JSON 4xx, never a 500 or a hang. */
class BadInputIT extends AgainstRunningServer {

    private static final String WEBHOOK = "/webhooks/rest/webhook";
    private static void assertError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("error")).isEqualTo(error);
        assertThat(body.getString("detail")).isNotBlank();
    }

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource(delimiter = '|', value = {
        "not json at all                              | /webhooks/rest/webhook | invalid_json",
        "{\"sender\": \"a\", \"message\": \"hi\"      | /webhooks/rest/webhook | invalid_json",
        "[1, 2, 3]                                    | /webhooks/rest/webhook | invalid_json",
        "\"just a string\"                            | /webhooks/rest/webhook | invalid_json",
        "{\"message\": \"hi\"}                        | /webhooks/rest/webhook | missing_field",
        "{\"sender\": \"a\"}                          | /webhooks/rest/webhook | missing_field",
        "{\"sender\": 42, \"message\": \"hi\"}        | /webhooks/rest/webhook | invalid_field",
        "{\"sender\": \"a\", \"message\": [\"hi\"]}   | /webhooks/rest/webhook | invalid_field",
        "{\"sender\": \"\", \"message\": \"hi\"}      | /webhooks/rest/webhook | invalid_field",
        "{\"sender\": \"a\", \"message\": \"hi\", \"metadata\": 7} | /webhooks/rest/webhook | invalid_field",
        "{}                                           | /model/parse           | missing_field",
        "{\"text\": null}                             | /model/parse           | missing_field",
        "{\"text\": 12}                               | /model/parse           | invalid_field",
        "{\"txt\": \"hello\"}                         | /model/parse           | missing_field",
    })
    void aMalformedBodyIsABadRequest(String body, String path, String error) throws Exception {
        assertError(server.postJson(path.strip(), body.strip()), 400, error);
    }

    @Test
    void trainingOverHttpIsOffWithoutAConfiguredToken() throws Exception {
        assertError(server.post("/model/train", "application/yaml", "nlu: []"), 403, "forbidden");
    }

    @Test
    void anEmptyBodyIsABadRequest() throws Exception {
        assertError(server.postJson(WEBHOOK, ""), 400, "missing_body");
    }

    @Test
    void aWrongContentTypeIsUnsupported() throws Exception {
        assertError(server.post(WEBHOOK, "text/xml", "<message>hi</message>"), 415, "unsupported_media_type");
        assertError(server.post("/model/parse", "multipart/form-data; boundary=x", "--x--"), 415, "unsupported_media_type");
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() throws Exception {
        String huge = "{\"sender\":\"a\",\"message\":\"" + "a".repeat(ServerConfig.DEFAULT_BODY_LIMIT) + "\"}";

        assertError(server.postJson(WEBHOOK, huge), 413, "request_entity_too_large");
    }

    @Test
    void aChunkedBodyOverTheLimitIsTooLarge() throws Exception {
        byte[] chunk = "a".repeat(8192).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(server.uri(WEBHOOK)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    private int sent;

                    @Override
                    public int read() {
                        return sent++ < 200_000 ? 'a' : -1;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) {
                        if (sent >= 200_000) {
                            return -1;
                        }
                        int n = Math.min(length, chunk.length);
                        System.arraycopy(chunk, 0, buffer, offset, n);
                        sent += n;
                        return n;
                    }
                })).build();

        try {
            assertError(server.send(request), 413, "request_entity_too_large");
        } catch (IOException closedWhileSending) {
            // The server may close the connection before the client finishes sending; that is a
            // refusal too, and what matters is that it did not accept or hang on the body.
            assertThat(closedWhileSending).isNotNull();
        }
    }

    @Test
    void aMessageLongerThanAnyoneTypesIsABadRequest() throws Exception {
        String body = new JsonObject().put("sender", "a").put("message", "help ".repeat(2_000)).encode();

        assertError(server.postJson(WEBHOOK, body), 400, "invalid_field");
    }

    @Test
    void anUnknownPathIsNotFound() throws Exception {
        assertError(server.get("/no/such/thing"), 404, "not_found");
        assertError(server.postJson("/webhooks/nope", "{}"), 404, "not_found");
    }

    @Test
    void aWrongMethodIsNotAllowed() throws Exception {
        assertError(server.get(WEBHOOK), 405, "method_not_allowed");
        assertError(server.send(HttpRequest.newBuilder(server.uri("/model/parse")).DELETE().build()), 405, "method_not_allowed");
    }

    @Test
    void invalidUtf8IsABadRequest() throws Exception {
        byte[] body = {'{', '"', 's', '"', ':', (byte) 0xC3, (byte) 0x28, '}'};
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri(WEBHOOK))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(response.statusCode()).isBetween(400, 499);
    }

    @Test
    void randomBodiesNeverCauseAServerError() throws Exception {
        Random random = new Random(20261123);
        String[] fragments = {"{", "}", "[", "]", "\"", ":", ",", "sender", "message", "text", "metadata", "null",
            "true", "1e999", "-0", "\\u0000", "\\", "/", "/greet", "{\"a\":", "\uD83D\uDE00", " ", "%", "\n"};
        for (int i = 0; i < 300; i++) {
            StringBuilder body = new StringBuilder();
            int parts = random.nextInt(12);
            for (int p = 0; p < parts; p++) {
                body.append(fragments[random.nextInt(fragments.length)]);
            }
            String path = random.nextBoolean() ? WEBHOOK : "/model/parse";
            HttpResponse<String> response = server.postJson(path, body.toString());
            assertThat(response.statusCode()).as("%s %s", path, body).isLessThan(500);
        }
    }

    @Test
    void randomMessagesAlwaysGetAReply() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int c = 0; c < length; c++) {
                text.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
            }
            String body = new JsonObject().put("sender", "fuzz-" + (i % 5)).put("message", text.toString()).encode();
            HttpResponse<String> response = server.postJson(WEBHOOK, body);
            assertThat(response.statusCode()).as(body).isEqualTo(200);
            assertThat(new JsonArray(response.body())).isNotEmpty();
        }
    }

    @Test
    void aClientThatStopsSendingHalfwayDoesNotHangTheServer() throws Exception {
        try (Socket socket = new Socket("localhost", server.signpost().port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + WEBHOOK + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"sender\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The half-sent request must not stop anyone else being served.
            HttpResponse<String> other = server.get("/health");
            assertThat(other.statusCode()).isEqualTo(200);
        }
    }
}
