package org.signpost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The load benchmark's results read back, and its chart drawn from them, from lines in the generator's own format. */
class LoadChartTest {

    private static final List<String> RESULTS = List.of(
            "signpost: load: embedded default (after 40 s at 1,000/s, not reported)",
            "load embedded default: rate=2000 sent=26000 ok=26000 refused=0 errors=0 achieved=2000/s p50=0.73ms p99=2.54ms"
                    + " p999=5.41ms generator-cpu=46us/msg rss=299 MiB rss-peak=400 MiB server-cpu=161us/msg",
            "load embedded default: rate=22000 sent=286000 ok=286000 refused=0 errors=0 achieved=22000/s p50=0.54ms"
                    + " p99=100.56ms p999=108.91ms generator-cpu=15us/msg rss=434 MiB rss-peak=434 MiB server-cpu=59us/msg",
            "load Redis + MongoDB-wire: rate=2000 sent=26000 ok=26000 refused=0 errors=0 achieved=2000/s p50=0.78ms"
                    + " p99=3.58ms p999=13.29ms generator-cpu=42us/msg rss=315 MiB rss-peak=403 MiB server-cpu=221us/msg",
            "load Redis + MongoDB-wire: rate=10000 sent=130000 ok=0 refused=0 errors=130000 achieved=0/s p50=NaNms"
                    + " p99=NaNms p999=NaNms (timed out waiting for replies) generator-cpu=21us/msg rss=392 MiB rss-peak=403 MiB"
                    + " server-cpu=123us/msg",
            "load summary: embedded 22000/s at 22000/s offered (goal 20,000/s: met), ...");

    @Test
    void readsEveryResultLineAndNothingElse() {
        List<LoadResult> points = LoadResult.read(RESULTS);
        assertThat(points).hasSize(4);
        assertThat(points.get(1)).isEqualTo(new LoadResult("embedded default", 22000, 22000, 0.54, 100.56, 108.91, 0, 434));
        assertThat(points.get(3).setUp()).isEqualTo("Redis + MongoDB-wire");
        assertThat(points.get(3).p99()).isNaN();
    }

    @Test
    void drawsEachSetUpsRatesAndLatenciesAsWellFormedSvg() throws Exception {
        Map<String, List<double[]>> series = series(parse(LoadChart.svg(LoadResult.read(RESULTS))));
        assertThat(series).containsOnlyKeys("embedded default answered", "embedded default p50", "embedded default p99",
                "embedded default p99.9", "Redis + MongoDB-wire answered", "Redis + MongoDB-wire p50",
                "Redis + MongoDB-wire p99", "Redis + MongoDB-wire p99.9");
        List<double[]> embeddedP99 = series.get("embedded default p99");
        // Further right for the higher rate, and higher up (a smaller y) for the longer latency.
        assertThat(embeddedP99.get(1)[0]).isGreaterThan(embeddedP99.get(0)[0]);
        assertThat(embeddedP99.get(1)[1]).isLessThan(embeddedP99.get(0)[1]);
        // A rate that answered nothing has no latency to draw, but its answered rate is drawn, at the bottom.
        assertThat(series.get("Redis + MongoDB-wire p99")).hasSize(1);
        List<double[]> redisAnswered = series.get("Redis + MongoDB-wire answered");
        assertThat(redisAnswered).hasSize(2);
        assertThat(redisAnswered.get(1)[1]).isGreaterThan(redisAnswered.get(0)[1]);
    }

    @Test
    void drawsTheGoals() {
        String svg = LoadChart.svg(LoadResult.read(RESULTS));
        assertThat(svg).contains("embedded goal 20,000/s", "Redis goal 5,000/s", "the goal, p99 &lt;= 10 ms at 2,000/s")
                .doesNotContain("NaN");
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, List<double[]>> series(Document svg) {
        Map<String, List<double[]>> series = new HashMap<>();
        NodeList lines = svg.getElementsByTagName("polyline");
        for (int i = 0; i < lines.getLength(); i++) {
            Element line = (Element) lines.item(i);
            List<double[]> points = new ArrayList<>();
            for (String point : line.getAttribute("points").split(" ")) {
                String[] xy = point.split(",");
                points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
            }
            series.put(line.getAttribute("data-series"), points);
        }
        return series;
    }
}
