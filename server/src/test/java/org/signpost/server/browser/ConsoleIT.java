package org.signpost.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signpost.core.staff.Role;
import org.signpost.server.SocketClient;

/**
 * The navigator console at {@code /console/} in a real Chromium. A person asks for a navigator in
 * the widget (or, where only the console is under test, on {@code /ws/chat} from Java); navigators
 * see it arrive live, one claims it and they talk both ways, the loser of the claim is told who
 * has it, and the conversation goes back to the bot or is closed with an outcome. Service admins
 * report availability; reports draw charts and download as CSV; the keyboard alone is enough; a
 * dropped socket recovers; every page passes axe-core. Screenshots: target/screenshots/ConsoleIT-*.
 */
class ConsoleIT {

    private static final String PASSWORD = "a long navigator password";
    private static final String TODAY = LocalDate.now(ZoneId.of("Europe/London")).toString();

    @RegisterExtension
    static final BrowserSupport browser = new BrowserSupport();

    @BeforeAll
    static void staff() throws Exception {
        browser.addStaff("sam", PASSWORD, Role.NAVIGATOR);
        browser.addStaff("alex", PASSWORD, Role.NAVIGATOR);
        browser.addStaff("val", PASSWORD, Role.SERVICE_ADMIN);
        browser.addStaff("kim", PASSWORD, Role.NAVIGATOR, Role.SERVICE_ADMIN);
    }

    /** A whole-page screenshot, target/screenshots/ConsoleIT-<name>.png (the support class's shows the viewport). */
    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(BrowserSupport.SCREENSHOTS.resolve("ConsoleIT-" + name + ".png")));
    }

    private static Page signIn(Page page, String username) {
        page.navigate("/console/");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.locator("#sign-out").waitFor();
        return page;
    }

    private static Page navigator(String username) {
        Page page = signIn(browser.newPage(), username);
        page.locator("#connection[data-state=live]").waitFor();
        return page;
    }

    private static HttpResponse<String> call(String method, String path, String token) throws Exception {
        return browser.server().send(HttpRequest.newBuilder(browser.server().uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token).build());
    }

    /** Someone talking to the bot over the REST channel, for figures in the reports. */
    private static void rest(String sender, String message) throws Exception {
        HttpResponse<String> response = browser.server().postJson("/webhooks/rest/webhook",
                new JsonObject().put("sender", sender).put("message", message).encode());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The queue line of this conversation (earlier tests may leave others waiting). */
    private static Locator waitingRow(Page page, String conversationId) {
        return page.locator("#waiting-list li[data-conversation=\"" + conversationId + "\"]");
    }

    /** A person on /ws/chat, spoken by a plain WebSocket client. */
    private static SocketClient chat() throws Exception {
        return SocketClient.connect(URI.create(browser.baseUrl().replaceFirst("^http", "ws") + "/ws/chat"));
    }

    private static SocketClient personAskingForANavigator(String firstMessage) throws Exception {
        SocketClient person = chat();
        person.send(new JsonObject().put("type", "message").put("text", firstMessage));
        person.next("session");
        person.next("bot");
        person.send(new JsonObject().put("type", "button").put("payload", "/human_handoff").put("title", "Talk to a person"));
        person.next(f -> "handoff".equals(f.getString("type")) && "waiting".equals(f.getString("state")), "handoff waiting");
        return person;
    }

    @Test
    void theConsoleIsServedAtSlashConsole() throws Exception {
        HttpResponse<String> page = browser.server().get("/console/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Sign in - Signpost console</title>");
        HttpResponse<String> bare = browser.server().get("/console");
        assertThat(bare.statusCode()).isIn(301, 302);
        assertThat(bare.headers().firstValue("Location")).hasValue("/console/");
        assertThat(browser.server().get("/console/console.js").statusCode()).isEqualTo(200);
    }

    @Test
    void aPersonInTheWidgetAsksForANavigatorWhoClaimsItTalksBothWaysAndHandsBackToTheBot() throws Exception {
        Page sam = navigator("sam");
        // Alex's console stops getting queue updates on cue, so it still offers the claim Sam has won.
        AtomicBoolean holdQueue = new AtomicBoolean();
        Page alex = browser.newPage();
        alex.routeWebSocket(url -> url.endsWith("/ws/console"), ws -> {
            WebSocketRoute server = ws.connectToServer();
            server.onMessage(frame -> {
                if (!(holdQueue.get() && frame.text().contains("\"queue\""))) {
                    ws.send(frame.text());
                }
            });
        });
        signIn(alex, "alex").locator("#connection[data-state=live]").waitFor();
        shot(sam, "handoff-1-queue-before");

        // The person, in the widget on the demo page, in a browser context of their own.
        Page patient = browser.newPage();
        ChatWidget person = ChatWidget.load(patient).open();
        person.say("hello").awaitBotAfter(1);
        person.talkToAPerson().click();
        ChatWidget.expect(person.status()).containsText("Waiting for a care navigator");
        String conversation = "web:" + patient.evaluate("() => Object.values(localStorage)[0]");

        Locator row = waitingRow(sam, conversation);
        row.waitFor(new Locator.WaitForOptions().setTimeout(2_500));
        assertThat(row.textContent()).contains("Channel: Web chat").contains("waited");
        shot(sam, "handoff-2-queue-waiting");
        waitingRow(alex, conversation).waitFor();
        String escalation = row.getAttribute("data-escalation");

        holdQueue.set(true);
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Claim")).click();
        sam.waitForURL("**/console/#/conversation/**");
        ChatWidget.expect(person.status()).containsText("You're talking to sam",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setIgnoreCase(true));
        sam.locator("#transcript li.entry-user").first().waitFor();
        assertThat(sam.locator("#transcript").textContent()).contains("hello").contains("Talk to a person");
        shot(sam, "handoff-3-claimed-conversation");

        alex.locator("#esc-" + escalation).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Claim")).click();
        PlaywrightAssertions.assertThat(alex.locator("#esc-" + escalation + "-error")).hasText("Already claimed by sam.");
        PlaywrightAssertions.assertThat(alex.getByRole(AriaRole.ALERT)).containsText("sam has claimed “Asked for a person”");
        shot(alex, "handoff-4-claim-lost");
        HttpResponse<String> second = call("POST", "/api/escalations/" + escalation + "/claim", browser.login("alex", PASSWORD));
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(second.body()).getString("holder")).isEqualTo("sam");

        sam.getByLabel("Reply to the person").fill("Hello, I'm Sam, a care navigator. How can I help?");
        sam.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send reply")).click();
        ChatWidget.expect(person.messages("navigator").last()).containsText("Hello, I'm Sam, a care navigator. How can I help?");

        int botMessages = person.messages("bot").count();
        person.say("My mum had a fall and needs help at home");
        sam.locator("#transcript li.entry-user", new Page.LocatorOptions().setHasText("My mum had a fall")).waitFor();

        sam.getByLabel("Add a note").fill("Daughter calling about her mum; falls team?");
        sam.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add note")).click();
        sam.locator("#transcript li.entry-note", new Page.LocatorOptions().setHasText("falls team?")).waitFor();
        shot(sam, "handoff-5-talking-with-note");
        shot(patient, "handoff-5-patient-talking");
        assertThat(person.messages("bot").count()).as("the bot keeps quiet while a navigator is there").isEqualTo(botMessages);
        assertThat(String.join("\n", person.texts())).doesNotContain("falls team?");

        sam.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hand back to the bot")).click();
        sam.waitForURL("**/console/#/queue");
        ChatWidget.expect(person.messages("event").last()).containsText("has left");
        int before = person.messages().count();
        person.say("hello").awaitBotAfter(before + 1);
        assertThat(person.messages("bot").count()).isGreaterThan(botMessages);
        sam.locator("#mine-empty").waitFor();
        shot(sam, "handoff-6-handed-back");
        shot(patient, "handoff-6-patient-back-with-the-bot");
        assertThat(browser.errors(patient)).isEmpty();
        assertThat(browser.errors(sam)).isEmpty();
    }

    @Test
    void aDroppedConsoleSocketReconnectsAndTheQueueCatchesUp() throws Exception {
        Page sam = browser.newPage();
        List<WebSocketRoute> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        sam.routeWebSocket(url -> url.endsWith("/ws/console"), ws -> {
            ws.connectToServer();
            sockets.add(ws);
        });
        signIn(sam, "sam").locator("#connection[data-state=live]").waitFor();

        sockets.get(0).close(new WebSocketRoute.CloseOptions().setCode(1001).setReason("network dropped"));
        sam.locator("#connection[data-state=offline]").waitFor();
        try (SocketClient person = personAskingForANavigator("while the console was away")) {
            waitingRow(sam, person.conversationId()).waitFor();
            sam.locator("#connection[data-state=live]").waitFor();
            assertThat(sockets).hasSizeGreaterThanOrEqualTo(2);
            shot(sam, "reconnected");
        }
    }

    @Test
    void closingWithAnOutcomeEndsTheEscalation() throws Exception {
        Page sam = navigator("sam");
        try (SocketClient person = personAskingForANavigator("I need some help")) {
            Locator row = waitingRow(sam, person.conversationId());
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Claim")).click();
            sam.waitForURL("**/console/#/conversation/**");
            sam.getByLabel("Signposted").check();
            sam.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close conversation")).click();
            sam.waitForURL("**/console/#/queue");
            PlaywrightAssertions.assertThat(sam.locator("#queue-message")).hasText("Conversation signposted.");
            JsonObject queue = new JsonObject(call("GET", "/api/escalations", browser.login("sam", PASSWORD)).body());
            assertThat(queue.getJsonArray("mine")).isEmpty();
        }
    }

    @Test
    void aServiceAdminUpdatesAvailabilityInACoupleOfClicks() throws Exception {
        Page page = signIn(browser.newPage(), "val");
        assertThat(page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK).allTextContents())
                .containsExactly("Services", "Reports");
        page.locator("#services-list li.service").first().waitFor();
        shot(page, "services-1-services");

        Locator card = page.locator("#svc-community-respiratory");
        card.getByLabel("Accepting referrals").uncheck();
        card.getByLabel("Current wait (weeks)").fill("8");
        card.getByLabel("Note").fill("Closed to new referrals until January");
        card.getByRole(AriaRole.BUTTON).click();
        Locator saved = page.locator("#svc-community-respiratory-status");
        PlaywrightAssertions.assertThat(saved).containsText("Saved: Not accepting referrals, wait about 8 weeks.");
        assertThat(page.locator("#svc-community-respiratory-confirmed").textContent()).contains("Last confirmed").contains("by val");
        card.scrollIntoViewIfNeeded();
        browser.screenshot(page, "saved-card");
        browser.assertAccessible(page);

        JsonObject service = new JsonArray(call("GET", "/api/services", browser.login("val", PASSWORD)).body())
                .stream().map(JsonObject.class::cast).filter(s -> s.getString("id").equals("community-respiratory"))
                .findFirst().orElseThrow();
        JsonObject availability = service.getJsonObject("availability");
        assertThat(availability.getBoolean("accepting_referrals")).isFalse();
        assertThat(availability.getInteger("wait_weeks")).isEqualTo(8);
        assertThat(availability.getString("note")).isEqualTo("Closed to new referrals until January");
        assertThat(availability.getString("updated_by")).isEqualTo("val");

        page.reload();
        page.getByLabel("Username").waitFor();
        assertThat(page.locator("#page-signin").isVisible()).as("a reload forgets the token").isTrue();
    }

    @Test
    void reportsDrawChartsForADateRangeAndDownloadAsCsv() throws Exception {
        rest("console-report-gap", "/find_service{\"service_category\": \"physiotherapy\", \"locality\": \"Stourbridge\"}");
        rest("console-report-feedback", "/feedback");
        rest("console-report-feedback", "/inform{\"fft_rating\": \"Good\"}");
        rest("console-report-feedback", "no");
        Page page = signIn(browser.newPage(), "sam");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Reports")).click();
        page.getByLabel("From", new Page.GetByLabelOptions().setExact(true)).fill(LocalDate.parse(TODAY).minusDays(6).toString());
        page.getByLabel("To", new Page.GetByLabelOptions().setExact(true)).fill(TODAY);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show report")).click();
        page.locator("#charts .chart").nth(5).waitFor();

        assertThat(page.locator("#charts h2").allTextContents()).containsExactly("Conversations per day by channel",
                "Containment", "Escalations and safety events", "Handoffs to navigators",
                "Capacity gaps by category and locality", "Friends and Family Test");
        assertThat(page.locator("#charts svg[role=img]").count()).isEqualTo(6);
        assertThat(page.locator("#charts .chart-summary").allTextContents().get(4)).contains("Physiotherapy · Stourbridge");
        page.locator("#charts details summary").nth(5).click();
        assertThat(page.locator("#charts details").nth(5).locator("tbody tr").first().textContent()).startsWith("Very good");
        shot(page, "reports-1-charts");
        browser.assertAccessible(page);

        Download download = page.waitForDownload(() ->
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Download CSV")).click());
        assertThat(download.suggestedFilename()).isEqualTo("signpost-summary-" + LocalDate.parse(TODAY).minusDays(6) + "-to-" + TODAY + ".csv");
        List<String> rows = Files.readAllLines(download.path());
        assertThat(rows.get(0)).isEqualTo("section,key,subkey,value");
        assertThat(rows).contains("capacity_gaps_by_category_and_locality,physiotherapy,Stourbridge,1");
        assertThat(browser.errors(page)).isEmpty();
    }

    @Test
    void theNavigationShowsOnlyWhatTheRolesAllowAndTheTokenStaysInMemory() {
        Page page = signIn(browser.newPage(), "sam");
        assertThat(page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK).allTextContents())
                .containsExactly("Queue", "Reports");
        page.navigate("/console/#/services");
        PlaywrightAssertions.assertThat(page.locator("#page-forbidden")).isVisible();
        assertThat(page.evaluate("() => localStorage.length + sessionStorage.length")).isEqualTo(0);
        assertThat(page.evaluate("() => document.cookie")).isEqualTo("");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        PlaywrightAssertions.assertThat(page.locator("#page-signin")).isVisible();
        assertThat(page.getByRole(AriaRole.NAVIGATION).count()).as("no navigation once signed out").isZero();
    }

    /** Presses Tab until the focused element matches {@code selector}; fails after {@code limit} presses. */
    private static void tabTo(Page page, String selector, int limit) {
        for (int i = 0; i < limit; i++) {
            page.keyboard().press("Tab");
            if (Boolean.TRUE.equals(page.evaluate("s => document.activeElement.matches(s)", selector))) {
                Object style = page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                        + " return s.outlineStyle + ' ' + s.boxShadow; }");
                assertThat(String.valueOf(style)).as("a visible focus indicator on " + selector).isNotEqualTo("none none");
                return;
            }
        }
        throw new AssertionError("Tab never reached " + selector);
    }

    @Test
    void aNavigatorCanSignInClaimAndReplyWithTheKeyboardAlone() throws Exception {
        Page page = browser.newPage();
        page.navigate("/console/");
        page.keyboard().type("sam");
        page.keyboard().press("Tab");
        page.keyboard().type(PASSWORD);
        page.keyboard().press("Enter");
        page.locator("#connection[data-state=live]").waitFor();
        assertThat(page.evaluate("() => document.activeElement.id")).as("focus starts at the page's heading").isEqualTo("queue-title");

        try (SocketClient person = personAskingForANavigator("keyboard test")) {
            String claim = "#waiting-list li[data-conversation=\"" + person.conversationId() + "\"] button.claim";
            page.locator(claim).waitFor();
            tabTo(page, claim, 40);
            try (SocketClient another = personAskingForANavigator("someone else")) {
                waitingRow(page, another.conversationId()).waitFor();
                assertThat(page.evaluate("s => document.activeElement.matches(s)", claim))
                        .as("focus stays on the Claim button when the queue is redrawn").isEqualTo(true);
            }
            page.keyboard().press("Enter");
            page.waitForURL("**/console/#/conversation/**");
            tabTo(page, "#reply-text", 30);
            page.keyboard().type("Typed without a mouse");
            page.keyboard().press("Enter");
            JsonObject reply = person.next(f -> "navigator".equals(f.getString("type")), "navigator message");
            assertThat(reply.getString("text")).isEqualTo("Typed without a mouse");
            shot(page, "keyboard-replied");
            tabTo(page, "#hand-back", 30);
            page.keyboard().press("Enter");
            page.waitForURL("**/console/#/queue");
        }
    }

    @Test
    void everyConsolePageHasNoSeriousAccessibilityProblems() throws Exception {
        Page page = browser.newPage();
        page.navigate("/console/");
        page.getByLabel("Username").fill("kim");
        page.getByLabel("Password").fill("not the password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.ALERT)).hasText("The username or password is wrong.");
        assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("signin-password");
        shot(page, "a11y-1-sign-in-refused");
        browser.assertAccessible(page);

        try (SocketClient safety = chat(); SocketClient routine = personAskingForANavigator("hi")) {
            safety.send(new JsonObject().put("type", "message").put("text", "I want to end my life"));
            safety.next("bot");
            signIn(page, "kim").locator("#connection[data-state=live]").waitFor();
            Locator crisis = waitingRow(page, safety.conversationId());
            crisis.waitFor();
            waitingRow(page, routine.conversationId()).waitFor();
            assertThat(page.locator("#waiting-list li.queue-row").first().getAttribute("class")).contains("priority-safety");
            assertThat(crisis.locator(".badge").textContent()).contains("Safety");
            shot(page, "a11y-2-queue");
            browser.assertAccessible(page);

            crisis.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Claim")).click();
            page.locator("#safety-banner").waitFor();
            page.locator("#transcript li.entry").first().waitFor();
            shot(page, "a11y-3-conversation");
            browser.assertAccessible(page);

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Services")).click();
            page.locator("#services-list li.service").first().waitFor();
            shot(page, "a11y-4-services");
            browser.assertAccessible(page);

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Reports")).click();
            page.locator("#charts .chart").nth(5).waitFor();
            page.locator("#charts details").first().evaluate("d => d.open = true");
            shot(page, "a11y-5-reports");
            browser.assertAccessible(page);

            Page narrow = browser.newPage(320, 640);
            signIn(narrow, "kim").locator("#waiting-list li.queue-row").first().waitFor();
            shot(narrow, "a11y-6-queue-320px");
            browser.assertAccessible(narrow);
            assertThat(narrow.evaluate("() => document.documentElement.scrollWidth")).isEqualTo(320);
            narrow.locator("#mine-list").getByRole(AriaRole.LINK).first().click();
            narrow.locator("#safety-banner").waitFor();
            narrow.locator("#transcript li.entry").first().waitFor();
            shot(narrow, "a11y-7-conversation-320px");
            browser.assertAccessible(narrow);
            assertThat(narrow.evaluate("() => document.documentElement.scrollWidth")).isEqualTo(320);
        }
        // The refused sign-in is the one failed request (Chromium logs it); nothing else went wrong.
        assertThat(browser.errors(page)).singleElement().asString().contains("401");
    }
}
