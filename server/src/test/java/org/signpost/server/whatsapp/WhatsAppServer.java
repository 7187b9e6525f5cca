package org.signpost.server.whatsapp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.signpost.core.staff.Role;
import org.signpost.server.RunningServer;
import org.signpost.server.ServerConfig;

/**
 * A Signpost server with its WhatsApp channel pointed at a {@link FakeGraphApi}, and a navigator
 * ("nina") to read transcripts and take conversations over the staff API.
 */
final class WhatsAppServer implements AutoCloseable {

    static final String SECRET = "a-test-secret-that-is-long-enough-0123";

    final FakeGraphApi graph;
    final RunningServer server;
    private String token;

    private WhatsAppServer(FakeGraphApi graph, RunningServer server) {
        this.graph = graph;
        this.server = server;
    }

    static WhatsAppServer start(String... environment) throws Exception {
        FakeGraphApi graph = FakeGraphApi.start();
        Map<String, String> settings = new HashMap<>(Meta.environment(graph, environment));
        settings.put("SIGNPOST_JWT_SECRET", SECRET);
        RunningServer server = RunningServer.start(ServerConfig.fromEnvironment(settings));
        server.addStaff("nina", "password nina", Role.NAVIGATOR);
        return new WhatsAppServer(graph, server);
    }

    /** Delivers a notification of these messages, as Meta would. */
    void deliver(JsonObject... messages) throws Exception {
        Meta.deliver(server, Meta.notification(messages));
    }

    String token() throws Exception {
        if (token == null) {
            HttpResponse<String> response = server.postJson("/api/login",
                    new JsonObject().put("username", "nina").put("password", "password nina").encode());
            token = new JsonObject(response.body()).getString("token");
        }
        return token;
    }

    HttpResponse<String> call(String method, String path, JsonObject body) throws Exception {
        return server.send(HttpRequest.newBuilder(server.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token()).build());
    }

    /** The conversation as navigators see it ({@code GET /api/conversations/whatsapp:<wa_id>}). */
    JsonObject conversation(String waId) throws Exception {
        HttpResponse<String> response = call("GET", "/api/conversations/whatsapp:" + waId, null);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET conversation answered " + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body());
    }

    /** What the person said, in the transcript's order. */
    List<String> userLines(String waId) throws Exception {
        JsonArray transcript = conversation(waId).getJsonArray("transcript");
        return transcript.stream().map(JsonObject.class::cast).filter(line -> line.getString("type").equals("user"))
                .map(line -> line.getString("text")).toList();
    }

    /** The escalations waiting for navigators. */
    List<JsonObject> waiting() throws Exception {
        HttpResponse<String> response = call("GET", "/api/escalations", null);
        return new JsonObject(response.body()).getJsonArray("waiting").stream().map(JsonObject.class::cast).toList();
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            graph.close();
        }
    }
}
