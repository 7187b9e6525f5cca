package org.signpost.server.nlu;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.signpost.nlu.ExtractedEntity;
import org.signpost.nlu.IntentScore;
import org.signpost.nlu.ParseResult;

/** A parse result in the JSON shape of Rasa's {@code POST /model/parse}. */
final class RasaJson {

    /** Rasa reports the ten most likely intents. */
    static final int RANKING_LENGTH = 10;

    private RasaJson() {
    }

    static JsonObject parseResult(ParseResult result) {
        JsonArray entities = new JsonArray();
        for (ExtractedEntity entity : result.entities()) {
            JsonObject json = new JsonObject()
                    .put("entity", entity.entity())
                    .put("start", entity.start())
                    .put("end", entity.end())
                    .put("value", entity.value())
                    .put("extractor", entity.extractor())
                    .put("confidence_entity", entity.confidence());
            if (!entity.processors().isEmpty()) {
                json.put("processors", new JsonArray(entity.processors()));
            }
            entities.add(json);
        }
        JsonArray ranking = new JsonArray();
        result.intentRanking().stream().limit(RANKING_LENGTH).forEach(score -> ranking.add(intent(score)));
        return new JsonObject()
                .put("text", result.text())
                .put("intent", intent(result.intent()))
                .put("entities", entities)
                .put("intent_ranking", ranking);
    }

    private static JsonObject intent(IntentScore score) {
        return new JsonObject().put("name", score.name()).put("confidence", score.confidence());
    }
}
