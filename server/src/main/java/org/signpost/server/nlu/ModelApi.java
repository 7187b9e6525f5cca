package org.signpost.server.nlu;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import org.signpost.connectors.web.http.JsonBodies;
import org.signpost.core.turn.Interpreter;

/** Rasa's {@code POST /model/parse}: {@code {"text": "..."}} answers what the NLU understood. */
public final class ModelApi {

    static final int MAX_TEXT_LENGTH = 5_000;
    private final Interpreter interpreter;

    /** @param interpreter the NLU in use (local, possibly swapped while running, or a remote Rasa) */
    public ModelApi(Interpreter interpreter) {
        this.interpreter = Objects.requireNonNull(interpreter, "interpreter");
    }

    /** @param body reads the JSON body before this API sees it */
    public void mount(Router router, Handler<RoutingContext> body) {
        router.post("/model/parse").handler(body).handler(this::parse);
    }

    private void parse(RoutingContext context) {
        JsonObject body = JsonBodies.object(context);
        String text = JsonBodies.string(body, "text", MAX_TEXT_LENGTH);
        interpreter.parse(text).onComplete(parsed -> {
            if (parsed.failed()) {
                context.fail(parsed.cause());
                return;
            }
            context.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(RasaJson.parseResult(parsed.result()).encode());
        });
    }
}
