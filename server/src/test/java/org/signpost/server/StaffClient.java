package org.signpost.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.signpost.core.staff.Role;

/**
 * A navigator ("nina") on a {@link RunningServer}, using the staff API as the console does: reads
 * transcripts and the escalation queue. Public for the channel tests in sub-packages.
 */
public final class StaffClient {

    private final RunningServer server;
    private String token;

    private StaffClient(RunningServer server) {
        this.server = server;
    }

    /** Adds the navigator to {@code server} (it needs {@code SIGNPOST_JWT_SECRET} or its own secret). */
    public static StaffClient navigator(RunningServer server) throws Exception {
        server.addStaff("nina", "password nina", Role.NAVIGATOR);
        return new StaffClient(server);
    }

    private String token() throws Exception {
        if (token == null) {
            HttpResponse<String> response = server.postJson("/api/login",
                    new JsonObject().put("username", "nina").put("password", "password nina").encode());
            token = new JsonObject(response.body()).getString("token");
        }
        return token;
    }

    public HttpResponse<String> call(String method, String path, JsonObject body) throws Exception {
        return server.send(HttpRequest.newBuilder(server.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token()).build());
    }

    /** The conversation as navigators see it ({@code GET /api/conversations/<id>}). */
    public JsonObject conversation(String conversationId) throws Exception {
        HttpResponse<String> response = call("GET", "/api/conversations/"
                + URLEncoder.encode(conversationId, StandardCharsets.UTF_8).replace("%3A", ":"), null);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET conversation answered " + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body());
    }

    /** What the person said, in the transcript's order. */
    public List<String> userLines(String conversationId) throws Exception {
        JsonArray transcript = conversation(conversationId).getJsonArray("transcript");
        return transcript.stream().map(JsonObject.class::cast).filter(line -> line.getString("type").equals("user"))
                .map(line -> line.getString("text")).toList();
    }

    /** The escalations waiting for navigators. */
    public List<JsonObject> waiting() throws Exception {
        HttpResponse<String> response = call("GET", "/api/escalations", null);
        return new JsonObject(response.body()).getJsonArray("waiting").stream().map(JsonObject.class::cast).toList();
    }
}
