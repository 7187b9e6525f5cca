package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /model/parse} answers in Rasa's shape for every intent of the contract. */
class ModelParseIT extends AgainstRunningServer {

    /** The examples INTENTS.md gives for each intent of the contract. */
    static final Map<String, String> CONTRACT = new LinkedHashMap<>();

    static {
        CONTRACT.put("greet", "good morning");
        CONTRACT.put("goodbye", "that's all, ta");
        CONTRACT.put("thank_you", "thanks that's helpful");
        CONTRACT.put("affirm", "yep correct");
        CONTRACT.put("deny", "not really");
        CONTRACT.put("inform", "it's for my dad");
        CONTRACT.put("find_service", "where can I get help with my drinking");
        CONTRACT.put("service_info", "what time does the walk-in centre open");
        CONTRACT.put("check_availability", "is community respiratory accepting referrals");
        CONTRACT.put("make_referral", "I'd like to refer my patient to integrated plus");
        CONTRACT.put("referral_status", "any update on my referral");
        CONTRACT.put("appointment", "I need to cancel my appointment on Tuesday");
        CONTRACT.put("prescription", "how do I order my repeat prescription");
        CONTRACT.put("gp_registration", "how do I register with a doctor");
        CONTRACT.put("vaccination", "when can I get my flu jab");
        CONTRACT.put("carer_support", "I look after my mum and I'm struggling");
        CONTRACT.put("urgent_help", "my child has a high temperature");
        CONTRACT.put("emergency", "she's not breathing");
        CONTRACT.put("mental_health_crisis", "I don't want to be here anymore");
        CONTRACT.put("safeguarding", "I think my neighbour is being neglected");
        CONTRACT.put("feedback", "I want to leave some feedback");
        CONTRACT.put("complaint", "I want to make a complaint about my care");
        CONTRACT.put("human_handoff", "can I talk to a real person");
        CONTRACT.put("bot_challenge", "am I talking to a robot");
        CONTRACT.put("help", "what can you do");
        CONTRACT.put("cancel", "forget it");
        CONTRACT.put("out_of_scope", "book me a taxi");
    }

    private static JsonObject parse(String text) throws Exception {
        HttpResponse<String> response = server.postJson("/model/parse", new JsonObject().put("text", text).encode());
        assertThat(response.statusCode()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    @Test
    void understandsTheContractExampleOfEveryIntent() throws Exception {
        Map<String, String> predicted = new LinkedHashMap<>();
        for (Map.Entry<String, String> example : CONTRACT.entrySet()) {
            predicted.put(example.getKey(), parse(example.getValue()).getJsonObject("intent").getString("name"));
        }

        assertThat(predicted).containsExactlyEntriesOf(CONTRACT.keySet().stream()
                .collect(LinkedHashMap::new, (map, intent) -> map.put(intent, intent), Map::putAll));
    }

    @Test
    void answersInRasasShape() throws Exception {
        JsonObject result = parse("is there a falls service in Lye");

        assertThat(result.fieldNames()).containsExactlyInAnyOrder("text", "intent", "entities", "intent_ranking");
        assertThat(result.getString("text")).isEqualTo("is there a falls service in Lye");
        JsonObject intent = result.getJsonObject("intent");
        assertThat(intent.getString("name")).isEqualTo("find_service");
        assertThat(intent.getDouble("confidence")).isBetween(0.0, 1.0);

        JsonArray ranking = result.getJsonArray("intent_ranking");
        assertThat(ranking.size()).isEqualTo(10);
        assertThat(ranking.getJsonObject(0)).isEqualTo(intent);
        for (int i = 1; i < ranking.size(); i++) {
            assertThat(ranking.getJsonObject(i).getDouble("confidence"))
                    .isLessThanOrEqualTo(ranking.getJsonObject(i - 1).getDouble("confidence"));
        }

        JsonObject locality = result.getJsonArray("entities").stream().map(JsonObject.class::cast)
                .filter(entity -> entity.getString("entity").equals("locality")).findFirst().orElseThrow();
        assertThat(locality.getString("value")).isEqualTo("Stourbridge");
        assertThat(locality.getInteger("start")).isEqualTo(28);
        assertThat(locality.getInteger("end")).isEqualTo(31);
        assertThat(locality.getString("extractor")).isNotBlank();
        assertThat(locality.getDouble("confidence_entity")).isBetween(0.0, 1.0);
        assertThat(locality.getJsonArray("processors")).containsExactly("EntitySynonymMapper");
    }

    @Test
    void recognisesServicesByTheirDirectoryNamesDespiteATypo() throws Exception {
        JsonObject result = parse("what does the Dudley Sanctuery Hub do");

        assertThat(result.getJsonArray("entities").stream().map(JsonObject.class::cast)
                .filter(entity -> entity.getString("entity").equals("service")).map(entity -> entity.getString("value")))
                .containsExactly("Dudley Sanctuary Hub");
    }

    @Test
    void anIntentShortcutIsParsedWithoutTheClassifier() throws Exception {
        JsonObject result = parse("/find_service{\"locality\": \"Halesowen\"}");

        assertThat(result.getJsonObject("intent")).isEqualTo(new JsonObject().put("name", "find_service").put("confidence", 1.0));
        assertThat(result.getJsonArray("entities").getJsonObject(0).getString("value")).isEqualTo("Halesowen");
    }

    @Test
    void aMalformedShortcutIsABadRequest() throws Exception {
        HttpResponse<String> response = server.postJson("/model/parse", "{\"text\":\"/greet{oops\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("invalid_payload");
    }
}
