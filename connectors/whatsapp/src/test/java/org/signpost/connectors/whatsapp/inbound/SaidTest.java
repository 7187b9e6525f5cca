package org.signpost.connectors.whatsapp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SaidTest {

    private static Said read(String type, String json) {
        return Said.read(type, new JsonObject(json.replace('\'', '"')));
    }

    @Test
    void readsEachKindOfMessage() {
        assertThat(read("text", "{'text':{'body':'I need help'}}")).isEqualTo(new Said.Text("I need help"));
        assertThat(read("interactive", "{'interactive':{'type':'button_reply','button_reply':{'id':'/affirm','title':'Yes'}}}"))
                .isEqualTo(new Said.Choice("/affirm", "Yes"));
        assertThat(read("interactive", "{'interactive':{'type':'list_reply','list_reply':{'id':'/inform','title':'Lye','description':'x'}}}"))
                .isEqualTo(new Said.Choice("/inform", "Lye"));
        assertThat(read("button", "{'button':{'text':'Carry on','payload':'/affirm'}}")).isEqualTo(new Said.Choice("/affirm", "Carry on"));
        assertThat(read("location", "{'location':{'latitude':52.45,'longitude':-2.14,'name':'Crown Centre','address':'Stourbridge'}}"))
                .isEqualTo(new Said.Location(52.45, -2.14, "Crown Centre", "Stourbridge"));
        assertThat(read("location", "{'location':{'latitude':52.45,'longitude':-2.14}}")).isEqualTo(new Said.Location(52.45, -2.14, "", ""));
    }

    @Test
    void whatCannotBeReadIsUnsupportedRatherThanAnError() {
        assertThat(read("audio", "{'audio':{'id':'1'}}")).isEqualTo(new Said.Unsupported("audio"));
        assertThat(read("reaction", "{'reaction':{'emoji':'👍'}}")).isEqualTo(new Said.Unsupported("reaction"));
        assertThat(read("text", "{'text':{'body':'   '}}")).isEqualTo(new Said.Unsupported("text"));
        assertThat(read("text", "{}")).isEqualTo(new Said.Unsupported("text"));
        assertThat(read("interactive", "{'interactive':{'type':'nfm_reply','nfm_reply':{}}}")).isEqualTo(new Said.Unsupported("interactive"));
        assertThat(read("interactive", "{'interactive':{'type':'button_reply','button_reply':{'title':'Yes'}}}"))
                .isEqualTo(new Said.Unsupported("interactive"));
        assertThat(read("location", "{'location':{'latitude':'north'}}")).isEqualTo(new Said.Unsupported("location"));
    }

    @Test
    void aPinIsPlacedInTheNearestLocalityWithinReach() {
        assertThat(LocalityHint.nearest(52.4557, -2.1472)).contains("Stourbridge");
        assertThat(LocalityHint.nearest(52.5470, -2.0856)).contains("North Dudley");
        assertThat(LocalityHint.nearest(52.4795, -2.1200)).contains("Brierley Hill");
        assertThat(LocalityHint.nearest(52.5087, -2.0874)).contains("Dudley and Netherton");
        assertThat(LocalityHint.nearest(52.4502, -2.0507)).contains("Halesowen");
        // Westminster is not in Dudley.
        assertThat(LocalityHint.nearest(51.5007, -0.1246)).isEmpty();
    }
}
