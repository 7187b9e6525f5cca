package org.signpost.connectors.web.rest;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.signpost.connectors.web.http.JsonBodies;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.Button;
import org.signpost.core.message.Channel;
import org.signpost.core.message.UserMessage;
import org.signpost.core.turn.BoundedTurns;
import org.signpost.error.InvalidInputException;

/**
 * Rasa's REST channel: {@code POST /webhooks/rest/webhook} with
 * {@code {"sender": "...", "message": "...", "metadata": {...}}} answers a JSON array with one
 * object per bot message ({@code recipient_id}, {@code text}, {@code buttons} when there are
 * any). The sender id is the conversation id. Past the instance's limit of turns under way the
 * answer is 503 {@code busy} with {@code Retry-After} (see {@link BoundedTurns}).
 */
public final class RestChannel {

    public static final String PATH = "/webhooks/rest/webhook";
    static final int MAX_SENDER_LENGTH = 256;
    static final int MAX_MESSAGE_LENGTH = 5_000;

    private final BoundedTurns turns;

    public RestChannel(BoundedTurns turns) {
        this.turns = Objects.requireNonNull(turns, "turns");
    }

    /** @param body reads the JSON body before this channel sees it */
    public void mount(Router router, Handler<RoutingContext> body) {
        router.post(PATH).handler(body).handler(this::receive);
    }

    private void receive(RoutingContext context) {
        JsonObject body = JsonBodies.object(context);
        String sender = JsonBodies.string(body, "sender", MAX_SENDER_LENGTH);
        if (sender.isBlank()) {
            throw new InvalidInputException("invalid_field", "the field 'sender' must not be empty");
        }
        String text = JsonBodies.string(body, "message", MAX_MESSAGE_LENGTH);
        Map<String, String> metadata = new HashMap<>();
        JsonBodies.optionalObject(body, "metadata").ifPresent(meta ->
                meta.forEach(entry -> metadata.put(entry.getKey(), String.valueOf(entry.getValue()))));
        UserMessage message = new UserMessage(sender, Channel.REST, text, metadata);
        turns.handle(message).onComplete(replies -> {
            if (replies.failed()) {
                context.fail(replies.cause());
                return;
            }
            context.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(render(sender, replies.result()).encode());
        });
    }

    static JsonArray render(String recipient, List<BotMessage> messages) {
        JsonArray replies = new JsonArray();
        for (BotMessage message : messages) {
            JsonObject reply = new JsonObject().put("recipient_id", recipient).put("text", message.text());
            if (!message.buttons().isEmpty()) {
                JsonArray buttons = new JsonArray();
                for (Button button : message.buttons()) {
                    buttons.add(new JsonObject().put("title", button.title()).put("payload", button.payload()));
                }
                reply.put("buttons", buttons);
            }
            replies.add(reply);
        }
        return replies;
    }
}
