package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signpost.core.staff.Role;

/** The reports the console draws: the summary by day, and the same figures as a CSV download. */
class ReportsIT {

    private static final String TODAY = LocalDate.now(ZoneId.of("Europe/London")).toString();
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(ServerConfig.fromEnvironment(Map.of(
                "SIGNPOST_JWT_SECRET", "a-test-secret-that-is-long-enough-0123")));
        server.addStaff("nav", "navigator password", Role.NAVIGATOR);
        server.addStaff("svc", "service password", Role.SERVICE_ADMIN);
        server.say("reports-escalated", "/human_handoff");
        server.say("reports-safety", "I want to kill myself");
        server.say("reports-contained", "hello");

        // A navigator takes the escalated conversation and closes it as signposted.
        String navigator = login("nav", "navigator password");
        JsonObject queue = new JsonObject(server.send(HttpRequest.newBuilder(server.uri("/api/escalations"))
                .header("Authorization", "Bearer " + navigator).GET().build()).body());
        String escalation = queue.getJsonArray("waiting").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("conversation_id").equals("reports-escalated")).findFirst().orElseThrow().getString("id");
        assertThat(post("/api/escalations/" + escalation + "/claim", navigator, new JsonObject()).statusCode()).isEqualTo(200);
        assertThat(post("/api/conversations/reports-escalated/release", navigator, new JsonObject().put("outcome", "signposted"))
                .statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String login(String username, String password) throws Exception {
        HttpResponse<String> login = server.postJson("/api/login",
                new JsonObject().put("username", username).put("password", password).encode());
        return new JsonObject(login.body()).getString("token");
    }

    private static HttpResponse<String> get(String path, String username, String password) throws Exception {
        return server.send(HttpRequest.newBuilder(server.uri(path))
                .header("Authorization", "Bearer " + login(username, password)).GET().build());
    }

    private static HttpResponse<String> post(String path, String token, JsonObject body) throws Exception {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build());
    }

    @Test
    void theSummaryCountsEscalationsAndSafetyEventsByTheDayTheyHappened() throws Exception {
        HttpResponse<String> response = get("/api/reports/summary?from=" + TODAY + "&to=" + TODAY, "nav", "navigator password");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject today = new JsonObject(response.body()).getJsonObject("escalations_and_safety_events_by_day")
                .getJsonObject(TODAY);
        assertThat(today.getInteger("escalations")).isGreaterThanOrEqualTo(1);
        assertThat(today.getInteger("safety_events")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theSummarySaysHowLongPeopleWaitedForANavigatorAndHowNavigatorsLeft() throws Exception {
        JsonObject report = new JsonObject(get("/api/reports/summary?from=" + TODAY + "&to=" + TODAY, "nav", "navigator password").body());

        assertThat(report.getJsonObject("escalation_outcomes").getInteger("signposted")).isEqualTo(1);
        JsonObject waits = report.getJsonObject("navigator_wait_seconds");
        assertThat(waits.getInteger("joined")).isEqualTo(1);
        assertThat(waits.getLong("median")).isBetween(0L, 60L);
        assertThat(waits.getLong("longest")).isEqualTo(waits.getLong("median"));
    }

    @Test
    void theCsvDownloadHasOneFigureARowForThePeriodAsked() throws Exception {
        HttpResponse<String> csv = get("/api/reports/summary.csv?from=" + TODAY + "&to=" + TODAY, "svc", "service password");

        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"signpost-summary-" + TODAY + "-to-" + TODAY + ".csv\"");
        assertThat(csv.body().split("\r\n")).startsWith("section,key,subkey,value", "period,from,," + TODAY)
                .anySatisfy(row -> assertThat(row).matches("conversations_by_day_and_channel," + TODAY + ",rest,[0-9]+"))
                .anySatisfy(row -> assertThat(row).matches("containment,sessions,,[0-9]+"))
                .anySatisfy(row -> assertThat(row).isEqualTo("friends_and_family_test,Don't know,,0"));
    }

    @Test
    void theCsvDownloadNeedsAStaffTokenAndAValidRange() throws Exception {
        assertThat(server.get("/api/reports/summary.csv").statusCode()).isEqualTo(401);
        assertThat(get("/api/reports/summary.csv?from=2026-11-23&to=2026-11-01", "nav", "navigator password").statusCode())
                .isEqualTo(400);
    }
}
