package org.signpost.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SummaryCsvTest {

    @Test
    void everyFigureBecomesOneRowNamedByItsSectionAndKeys() {
        JsonObject report = new JsonObject().put("from", "2026-11-01").put("to", "2026-11-23")
                .put("conversations_by_day_and_channel", new JsonObject()
                        .put("2026-11-02", new JsonObject().put("web", 3).put("rest", 1)))
                .put("containment", new JsonObject().put("sessions", 4).put("rate", 0.75))
                .put("fallback_rate", (Object) null);

        assertThat(SummaryCsv.of(report).split("\r\n")).containsExactly(
                "section,key,subkey,value",
                "period,from,,2026-11-01",
                "period,to,,2026-11-23",
                "conversations_by_day_and_channel,2026-11-02,web,3",
                "conversations_by_day_and_channel,2026-11-02,rest,1",
                "containment,sessions,,4",
                "containment,rate,,0.75",
                "fallback_rate,,,");
    }

    @Test
    void cellsAreQuotedAndFormulasDefused() {
        assertThat(SummaryCsv.cell("Don't know")).isEqualTo("Don't know");
        assertThat(SummaryCsv.cell("a, b")).isEqualTo("\"a, b\"");
        assertThat(SummaryCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SummaryCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(SummaryCsv.cell("-3")).isEqualTo("-3");
        assertThat(SummaryCsv.cell("@sum")).isEqualTo("'@sum");
    }
}
