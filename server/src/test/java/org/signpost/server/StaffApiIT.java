package org.signpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signpost.core.staff.Passwords;
import org.signpost.core.staff.Role;
import org.signpost.core.staff.StaffUser;

/** The staff API: sign-in, roles, the directory, referrals with audit, reports. */
class StaffApiIT {

    private static final String ADMIN_PASSWORD = "correct horse battery";
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(ServerConfig.fromEnvironment(Map.of("SIGNPOST_ADMIN_USER", "admin",
                "SIGNPOST_ADMIN_PASSWORD", ADMIN_PASSWORD, "SIGNPOST_JWT_SECRET", "a-test-secret-that-is-long-enough-0123")));
        // Fewer hash rounds for test accounts: the login check reads the rounds from the hash.
        Passwords quick = new Passwords(1_000);
        RunningServer.await(server.signpost().stores().staff().save(
                new StaffUser("nav", quick.hash("navigator password"), Set.of(Role.NAVIGATOR))));
        RunningServer.await(server.signpost().stores().staff().save(
                new StaffUser("svc", quick.hash("service password"), Set.of(Role.SERVICE_ADMIN))));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String login(String username, String password) throws Exception {
        HttpResponse<String> response = server.postJson("/api/login",
                new JsonObject().put("username", username).put("password", password).encode());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getString("token");
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return server.send(request.build());
    }


    @Test
    void anAdminCreatesAccountsThatCanSignInWithTheirRoles() throws Exception {
        String admin = login("admin", ADMIN_PASSWORD);
        HttpResponse<String> created = call("PUT", "/api/staff/new.navigator", admin,
                "{\"password\":\"a long enough passphrase\",\"roles\":[\"navigator\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject token = new JsonObject(server.postJson("/api/login",
                "{\"username\":\"new.navigator\",\"password\":\"a long enough passphrase\"}").body());
        assertThat(token.getJsonArray("roles")).containsExactly("navigator");
        assertThat(call("PUT", "/api/staff/new.navigator", admin,
                "{\"password\":\"another long passphrase\",\"roles\":[\"navigator\",\"service_admin\"]}").statusCode())
                .isEqualTo(200);
        JsonArray listed = new JsonArray(call("GET", "/api/staff", admin, null).body());
        assertThat(listed.stream().map(JsonObject.class::cast).filter(user -> user.getString("username").equals("new.navigator")))
                .singleElement().satisfies(user -> assertThat(user.getJsonArray("roles")).containsExactly("navigator", "service_admin"));
        assertThat(listed.encode()).doesNotContain("hash", "passphrase");

        assertThat(call("PUT", "/api/staff/x", admin, "{\"password\":\"a long enough passphrase\",\"roles\":[\"navigator\"]}")
                .statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/staff/short.one", admin, "{\"password\":\"short\",\"roles\":[\"navigator\"]}")
                .body()).contains("weak_password");
        assertThat(call("PUT", "/api/staff/odd.role", admin, "{\"password\":\"a long enough passphrase\",\"roles\":[\"king\"]}")
                .statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/staff/sneaky", login("nav", "navigator password"),
                "{\"password\":\"a long enough passphrase\",\"roles\":[\"admin\"]}").statusCode()).isEqualTo(403);
    }

    @Test
    void signInChecksThePassword() throws Exception {
        HttpResponse<String> wrong = server.postJson("/api/login", "{\"username\":\"admin\",\"password\":\"guess\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(wrong.body()).getString("error")).isEqualTo("unauthorized");
        assertThat(server.postJson("/api/login", "{\"username\":\"nobody\",\"password\":\"x\"}").statusCode()).isEqualTo(401);
        assertThat(server.postJson("/api/login", "{\"username\":\"admin\"}").statusCode()).isEqualTo(400);

        JsonObject token = new JsonObject(server.postJson("/api/login",
                new JsonObject().put("username", "admin").put("password", ADMIN_PASSWORD).encode()).body());
        assertThat(token.getJsonArray("roles")).containsExactly("admin");
        assertThat(token.getString("token_type")).isEqualTo("Bearer");
    }

    @Test
    void repeatedWrongPasswordsLockTheUsernameForAWhile() throws Exception {
        RunningServer.await(server.signpost().stores().staff().save(
                new StaffUser("guessed", new Passwords(1_000).hash("the right one"), Set.of(Role.NAVIGATOR))));
        for (int i = 0; i < 5; i++) {
            assertThat(server.postJson("/api/login", "{\"username\":\"guessed\",\"password\":\"guess " + i + "\"}")
                    .statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = server.postJson("/api/login", "{\"username\":\"guessed\",\"password\":\"the right one\"}");

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(new JsonObject(locked.body()).getString("error")).isEqualTo("too_many_requests");
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void staffEndpointsNeedAValidTokenAndTheRole() throws Exception {
        assertThat(call("GET", "/api/referrals", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/referrals", "not.a.token", null).statusCode()).isEqualTo(401);
        HttpResponse<String> forbidden = call("GET", "/api/referrals", login("svc", "service password"), null);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(forbidden.body()).getString("detail")).contains("navigator");
        assertThat(call("DELETE", "/api/services/samaritans", login("nav", "navigator password"), null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aReferralMadeInChatIsVisibleToNavigatorsAndEveryReadIsAudited() throws Exception {
        String person = "staff-api-referral";
        server.say(person, "/make_referral{\"service\": \"Dudley Talking Therapies (NHS Talking Therapies for anxiety and depression)\", "
                + "\"relationship\": \"self\"}");
        server.say(person, "Alex Green");
        server.say(person, "03/05/1950");
        server.say(person, "/deny");
        server.say(person, "DY8 1AB");
        server.say(person, "07700 900123");
        server.say(person, "I have felt low for months");
        server.say(person, "/inform{\"urgency\": \"routine\"}");
        server.say(person, "/affirm");
        String created = server.say(person, "/affirm");
        Matcher match = Pattern.compile("SP-[A-Z0-9]{6}").matcher(created);
        assertThat(match.find()).as(created).isTrue();
        String reference = match.group();

        String navigator = login("nav", "navigator password");
        JsonArray listed = new JsonArray(call("GET", "/api/referrals?status=new", navigator, null).body());
        assertThat(listed.stream().map(JsonObject.class::cast).map(r -> r.getString("reference"))).contains(reference);
        JsonObject read = new JsonObject(call("GET", "/api/referrals/" + reference, navigator, null).body());
        assertThat(read.getJsonObject("details").getString("person_name")).isEqualTo("Alex Green");
        assertThat(read.getString("status")).isEqualTo("new");

        HttpResponse<String> changed = call("PUT", "/api/referrals/" + reference + "/status", navigator, "{\"status\":\"accepted\"}");
        assertThat(new JsonObject(changed.body()).getString("status")).isEqualTo("accepted");
        assertThat(call("PUT", "/api/referrals/" + reference + "/status", navigator, "{\"status\":\"lost\"}").statusCode())
                .isEqualTo(400);
        assertThat(call("GET", "/api/referrals/SP-NOPE00", navigator, null).statusCode()).isEqualTo(404);

        JsonArray audit = new JsonArray(call("GET", "/api/audit", login("admin", ADMIN_PASSWORD), null).body());
        assertThat(audit.stream().map(JsonObject.class::cast))
                .anySatisfy(entry -> {
                    assertThat(entry.getString("who")).isEqualTo("nav");
                    assertThat(entry.getString("action")).isEqualTo("read referral");
                    assertThat(entry.getString("subject")).isEqualTo(reference);
                })
                .anySatisfy(entry -> assertThat(entry.getString("action")).isEqualTo("changed referral status to accepted"));
        assertThat(call("GET", "/api/audit", navigator, null).statusCode()).isEqualTo(403);
    }

    @Test
    void availabilityReportedByAServiceAdminIsWhatTheBotSays() throws Exception {
        HttpResponse<String> updated = call("PUT", "/api/services/community-respiratory/availability",
                login("svc", "service password"), "{\"accepting_referrals\": true, \"wait_weeks\": 6, \"note\": \"Urgent cases seen sooner\"}");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(new JsonObject(updated.body()).getJsonObject("availability").getString("updated_by")).isEqualTo("svc");

        String reply = server.say("gp-availability", "is community respiratory accepting referrals");
        assertThat(reply).contains("is accepting referrals").contains("about 6 weeks").contains("Urgent cases seen sooner")
                .contains("last updated on");

        assertThat(call("PUT", "/api/services/community-respiratory/availability", login("svc", "service password"),
                "{\"accepting_referrals\": \"maybe\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void adminsKeepTheDirectory() throws Exception {
        String admin = login("admin", ADMIN_PASSWORD);
        JsonObject service = new JsonObject().put("id", "test-walking-group").put("name", "Halesowen walking group")
                .put("provider", "A charity").put("description", "Gentle walks.").put("categories", new JsonArray().add("falls"))
                .put("localities", new JsonArray().add("Halesowen")).put("contact", "01384 000000")
                .put("opening_hours", new JsonArray().add("Tue 10:00-12:00"));
        assertThat(call("POST", "/api/services", admin, service.copy().put("categories", new JsonArray().add("knitting")).encode())
                .statusCode()).isEqualTo(400);
        HttpResponse<String> created = call("POST", "/api/services", admin, service.encode());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(call("POST", "/api/services", admin, service.encode()).statusCode()).isEqualTo(409);
        assertThat(new JsonObject(call("GET", "/api/services/test-walking-group", login("nav", "navigator password"), null)
                .body()).getJsonArray("opening_hours")).containsExactly("Tue 10:00-12:00");

        assertThat(server.say("walker", "/find_service{\"service_category\": \"falls\", \"locality\": \"Halesowen\"}"))
                .contains("Halesowen walking group");

        assertThat(call("DELETE", "/api/services/test-walking-group", admin, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/services/test-walking-group", admin, null).statusCode()).isEqualTo(404);
    }

    @Test
    void reportsSummariseReferralsGapsAndFeedback() throws Exception {
        server.say("report-feedback", "/feedback");
        server.say("report-feedback", "/inform{\"fft_rating\": \"Very good\"}");
        server.say("report-feedback", "no");
        server.say("report-gap", "/find_service{\"service_category\": \"physiotherapy\", \"locality\": \"Stourbridge\"}");

        JsonObject report = new JsonObject(call("GET", "/api/reports/summary?from=2020-01-01&to=2999-01-01",
                login("nav", "navigator password"), null).body());
        assertThat(report.getJsonObject("friends_and_family_test").getInteger("Very good")).isGreaterThanOrEqualTo(1);
        assertThat(report.getJsonObject("capacity_gaps_by_category_and_locality").getJsonObject("physiotherapy")
                .getInteger("Stourbridge")).isGreaterThanOrEqualTo(1);
        assertThat(report.fieldNames()).contains("referrals_by_service_and_status", "escalations_waiting_by_priority",
                "conversations_by_day_and_channel", "escalations_by_priority", "safety_events_by_category", "top_intents");
        assertThat(report.getJsonObject("containment").getInteger("sessions")).isGreaterThanOrEqualTo(2);
        assertThat(report.getJsonObject("top_intents").getInteger("feedback")).isGreaterThanOrEqualTo(1);
        assertThat(report.getDouble("fallback_rate")).isBetween(0.0, 1.0);
        assertThat(call("GET", "/api/reports/summary?from=yesterday", login("nav", "navigator password"), null).statusCode())
                .isEqualTo(400);
    }

    @Test
    void theApiIsDescribedInOpenApi() throws Exception {
        HttpResponse<String> spec = server.get("/openapi.yaml");

        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(spec.body()).contains("openapi: 3.0.3").contains("/api/referrals/{reference}").contains("/webhooks/rest/webhook");
    }
}
