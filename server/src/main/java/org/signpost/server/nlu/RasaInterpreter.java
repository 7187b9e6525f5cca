package org.signpost.server.nlu;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.signpost.core.turn.Interpreter;
import org.signpost.nlu.ExtractedEntity;
import org.signpost.nlu.IntentScore;
import org.signpost.nlu.IntentShortcut;
import org.signpost.nlu.ParseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delegates understanding to a running Rasa server ({@code POST /model/parse}), mapping its JSON
 * into Signpost's {@link ParseResult}. When Rasa is slow, down or answers something unusable, the
 * local model answers instead, so a conversation never waits on Rasa for long. Intent shortcuts
 * (button payloads) never leave the process.
 */
public final class RasaInterpreter implements Interpreter {

    private static final Logger LOG = LoggerFactory.getLogger(RasaInterpreter.class);

    private final WebClient client;
    private final String parseUri;
    private final long timeoutMillis;
    private final Interpreter local;

    /**
     * @param rasaUrl the Rasa server's base URL, such as {@code http://localhost:5005}
     * @param local the interpreter to fall back on
     */
    public RasaInterpreter(WebClient client, URI rasaUrl, long timeoutMillis, Interpreter local) {
        this.client = Objects.requireNonNull(client, "client");
        this.parseUri = Objects.requireNonNull(rasaUrl, "rasaUrl").resolve("/model/parse").toString();
        this.timeoutMillis = timeoutMillis;
        this.local = Objects.requireNonNull(local, "local");
    }

    @Override
    public Future<ParseResult> parse(String text) {
        if (IntentShortcut.isShortcut(text)) {
            return local.parse(text);
        }
        return client.postAbs(parseUri)
                .timeout(timeoutMillis)
                .sendJsonObject(new JsonObject().put("text", text))
                .map(response -> fromRasa(text, response))
                .recover(failure -> {
                    // The message text is health data: log why, never what.
                    LOG.warn("Rasa at {} could not parse a message ({}); using the local model", parseUri,
                            failure.getMessage());
                    return local.parse(text);
                });
    }

    static ParseResult fromRasa(String text, HttpResponse<?> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        Object body;
        try {
            body = response.bodyAsJson(Object.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the answer is not JSON");
        }
        if (body instanceof JsonObject json) {
            return fromRasa(text, json);
        }
        if (body instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            JsonObject json = new JsonObject((Map<String, Object>) map);
            return fromRasa(text, json);
        }
        throw new IllegalStateException("the answer is not a JSON object");
    }

    /** Maps Rasa's parse JSON; throws {@link IllegalStateException} when it lacks an intent. */
    static ParseResult fromRasa(String text, JsonObject json) {
        JsonObject intent = json.getJsonObject("intent");
        if (intent == null || intent.getString("name") == null) {
            throw new IllegalStateException("the answer has no intent");
        }
        IntentScore top = score(intent);
        List<IntentScore> ranking = new ArrayList<>();
        JsonArray intentRanking = json.getJsonArray("intent_ranking", new JsonArray());
        for (int i = 0; i < intentRanking.size(); i++) {
            JsonObject entry = intentRanking.getJsonObject(i);
            if (entry != null && entry.getString("name") != null) {
                ranking.add(score(entry));
            }
        }
        if (ranking.isEmpty() || !ranking.get(0).name().equals(top.name())) {
            ranking.add(0, top);
        }
        List<ExtractedEntity> entities = new ArrayList<>();
        JsonArray rasaEntities = json.getJsonArray("entities", new JsonArray());
        for (int i = 0; i < rasaEntities.size(); i++) {
            JsonObject entity = rasaEntities.getJsonObject(i);
            if (entity == null || entity.getString("entity") == null || entity.getValue("value") == null) {
                continue;
            }
            int start = entity.getInteger("start", 0);
            int end = entity.getInteger("end", start);
            List<String> processors = new ArrayList<>();
            entity.getJsonArray("processors", new JsonArray()).forEach(p -> processors.add(String.valueOf(p)));
            entities.add(new ExtractedEntity(entity.getString("entity"), String.valueOf(entity.getValue("value")),
                    start, Math.max(start, end), entity.getString("extractor", "rasa"),
                    clamp(entity.getDouble("confidence_entity", 1.0)), processors));
        }
        return new ParseResult(text, top, entities, ranking);
    }

    private static IntentScore score(JsonObject intent) {
        return new IntentScore(intent.getString("name"), clamp(intent.getDouble("confidence", 0.0)));
    }

    private static double clamp(Double value) {
        return value == null || value.isNaN() ? 0 : Math.max(0, Math.min(1, value));
    }
}
