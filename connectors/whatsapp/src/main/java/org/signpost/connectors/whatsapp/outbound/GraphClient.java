package org.signpost.connectors.whatsapp.outbound;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.Objects;
import org.signpost.connectors.whatsapp.WhatsAppSettings;

/**
 * Sends one message through the Graph API and says what came of it. Never fails: a network
 * failure or an answer that is not Meta's JSON is a {@link GraphResult.Retry}.
 */
final class GraphClient {

    static final int TIMEOUT_MILLIS = 10_000;

    private final WebClient client;
    private final URI base;
    private final String path;
    private final String bearer;

    GraphClient(WebClient client, WhatsAppSettings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.base = settings.graphUrl();
        this.path = settings.messagesPath();
        this.bearer = "Bearer " + settings.accessToken();
    }

    Future<GraphResult> send(String body) {
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
        return client.post(port, base.getHost(), path)
                .ssl(tls)
                .timeout(TIMEOUT_MILLIS)
                .putHeader("Authorization", bearer)
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(body))
                .map(GraphClient::result)
                .otherwise(failure -> new GraphResult.Retry(0, "the Graph API could not be reached: " + failure.getMessage(), false, false));
    }

    private static GraphResult result(HttpResponse<Buffer> response) {
        JsonObject answer;
        try {
            answer = response.body() == null ? new JsonObject() : new JsonObject(response.body());
        } catch (DecodeException | ClassCastException e) {
            answer = new JsonObject();
        }
        if (response.statusCode() / 100 == 2) {
            if (answer.getValue("messages") instanceof JsonArray messages && !messages.isEmpty()
                    && messages.getValue(0) instanceof JsonObject first && first.getValue("id") instanceof String id) {
                return new GraphResult.Accepted(id);
            }
            return new GraphResult.Retry(0, "the Graph API answered " + response.statusCode() + " without a message id", false, false);
        }
        JsonObject error = answer.getValue("error") instanceof JsonObject found ? found : new JsonObject();
        int code = error.getValue("code") instanceof Number number ? number.intValue() : 0;
        String message = error.getValue("message") instanceof String text ? text : "HTTP " + response.statusCode();
        return GraphResult.ofError(response.statusCode(), code, message);
    }
}
