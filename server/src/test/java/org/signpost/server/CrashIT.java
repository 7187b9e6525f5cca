package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The server as its own process, killed with SIGKILL mid-conversation and started again on the
 * same data: every acknowledged message, slot and referral is still there, and the conversation
 * carries on where it was.
 */
class CrashIT {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    private String say(String sender, String message) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/webhooks/rest/webhook")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("sender", sender).put("message", message).encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        StringBuilder text = new StringBuilder();
        new JsonArray(response.body()).forEach(reply -> text.append(((JsonObject) reply).getString("text")).append('\n'));
        return text.toString();
    }

    @Test
    void aKilledServerLosesNothingItAcknowledged() throws Exception {
        port = ServerProcess.freePort();
        Path data = ServerProcess.dataDirectory("crash-");
        ServerProcess first = ServerProcess.start(data, port, Map.of());
        String reference;
        try {
            say("crash-referrer", "/make_referral{\"service\": \"Dudley Talking Therapies (NHS Talking Therapies for anxiety "
                    + "and depression)\", \"relationship\": \"self\"}");
            for (String answer : new String[] {"Alex Green", "03/05/1950", "/deny", "DY8 1AB", "07700 900123",
                "I have felt low for months", "/inform{\"urgency\": \"routine\"}", "/affirm"}) {
                say("crash-referrer", answer);
            }
            Matcher match = Pattern.compile("SP-[A-Z0-9]{6}").matcher(say("crash-referrer", "/affirm"));
            assertThat(match.find()).isTrue();
            reference = match.group();
            assertThat(say("crash-mid-flow", "I need help with falls")).contains("Which part of Dudley");
        } finally {
            first.close();
        }

        ServerProcess second = ServerProcess.start(data, port, Map.of());
        try {
            assertThat(say("crash-mid-flow", "we live in Sedgley")).contains("for falls in North Dudley");
            say("crash-check", "check referral " + reference);
            assertThat(say("crash-check", "03/05/1950")).contains("received, and waiting to be looked at");
        } finally {
            second.close();
        }
    }
}
