package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class HealthIT extends AgainstRunningServer {

    @Test
    void healthSaysTheProcessIsAlive() throws Exception {
        var response = server.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getString("status")).isEqualTo("ok");
    }

    @Test
    void readySaysEachDependencyIsUsable() throws Exception {
        var response = server.get("/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("status")).isEqualTo("ready");
        assertThat(body.getJsonObject("checks").fieldNames()).containsExactly("nlu", "stores", "escalation_queue", "turns", "mongodb",
                "conversation_journal");
        assertThat(body.getJsonObject("checks").getJsonObject("stores").getString("detail"))
                .startsWith("the embedded store and the conversation journal in");
        assertThat(body.getJsonObject("checks").getJsonObject("conversation_journal").getString("detail"))
                .matches("\\d+ conversations? kept");
        assertThat(body.getJsonObject("checks").getJsonObject("nlu").getString("detail")).isEqualTo("27 intents");
        assertThat(body.getJsonObject("checks").getJsonObject("turns").getString("detail"))
                .isEqualTo("0 under way of at most 256, 0 refused since start");
    }

    @Test
    void theHomePageDescribesSignpost() throws Exception {
        var response = server.get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Signpost").contains("call 999");
    }
}
