package org.signpost.server.whatsapp;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.signpost.server.RunningServer;
import org.signpost.server.ServerConfig;
import org.signpost.server.StaffClient;

/**
 * A Signpost server with its WhatsApp channel pointed at a {@link FakeGraphApi}, and a navigator
 * ("nina") to read transcripts and take conversations over the staff API.
 */
final class WhatsAppServer implements AutoCloseable {

    static final String SECRET = "a-test-secret-that-is-long-enough-0123";

    final FakeGraphApi graph;
    final RunningServer server;
    private final StaffClient navigator;

    private WhatsAppServer(FakeGraphApi graph, RunningServer server, StaffClient navigator) {
        this.graph = graph;
        this.server = server;
        this.navigator = navigator;
    }

    static WhatsAppServer start(String... environment) throws Exception {
        FakeGraphApi graph = FakeGraphApi.start();
        Map<String, String> settings = new HashMap<>(Meta.environment(graph, environment));
        settings.put("SIGNPOST_JWT_SECRET", SECRET);
        RunningServer server = RunningServer.start(ServerConfig.fromEnvironment(settings));
        return new WhatsAppServer(graph, server, StaffClient.navigator(server));
    }

    /** Delivers a notification of these messages, as Meta would. */
    void deliver(JsonObject... messages) throws Exception {
        Meta.deliver(server, Meta.notification(messages));
    }

    HttpResponse<String> call(String method, String path, JsonObject body) throws Exception {
        return navigator.call(method, path, body);
    }

    /** The conversation as navigators see it ({@code GET /api/conversations/whatsapp:<wa_id>}). */
    JsonObject conversation(String waId) throws Exception {
        return navigator.conversation("whatsapp:" + waId);
    }

    /** What the person said, in the transcript's order. */
    List<String> userLines(String waId) throws Exception {
        return navigator.userLines("whatsapp:" + waId);
    }

    /** The escalations waiting for navigators. */
    List<JsonObject> waiting() throws Exception {
        return navigator.waiting();
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
