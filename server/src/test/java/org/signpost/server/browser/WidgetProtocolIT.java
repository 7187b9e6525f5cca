package org.signpost.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.signpost.server.browser.ChatWidget.expect;

import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The widget's side of /ws/chat against a scripted socket (PROTOCOL.md): the cases a real server
 * rarely produces on demand, such as a gap in the sequence, a frame delivered twice, an
 * {@code unavailable} error or a navigator joining. The page and the script come from the real server.
 */
class WidgetProtocolIT {

    @RegisterExtension
    static final BrowserSupport browser = new BrowserSupport();

    private static ChatWidget widgetWithFakeChat(Page page, FakeChat[] fake) {
        fake[0] = FakeChat.install(page);
        return ChatWidget.load(page);
    }

    /** Opens the panel, says hello and lets the fake start session "s1" with a greeting (seq 1, 2). */
    private static ChatWidget greeted(Page page, FakeChat[] fake) {
        ChatWidget widget = widgetWithFakeChat(page, fake).open();
        widget.input().fill("hello");
        widget.input().press("Enter");
        fake[0].await("the first message", f -> f.getString("type").equals("message") && f.getString("text").equals("hello"));
        fake[0].session("s1", false).user(1, "hello").bot(2, "Hello, I'm Signpost.", "Find a service", "/find_service");
        expect(widget.messages()).hasCount(2);
        return widget;
    }

    @Test
    void aGapInTheSequenceAsksForAReplayAndAFrameSeenTwiceIsShownOnce() {
        Page page = browser.newPage();
        FakeChat[] fake = new FakeChat[1];
        ChatWidget widget = greeted(page, fake);

        fake[0].bot(4, "The fourth message arrived before the third.");
        JsonObject resume = fake[0].await("a resume after the gap", f -> f.getString("type").equals("resume"));
        assertThat(resume.getString("session_id")).isEqualTo("s1");
        assertThat(resume.getInteger("last_seq")).isEqualTo(2);
        expect(widget.messages()).hasCount(2);

        fake[0].session("s1", true).bot(2, "Hello, I'm Signpost.").user(3, "Find a service")
                .bot(4, "The fourth message arrived before the third.").bot(4, "The fourth message arrived before the third.");
        expect(widget.messages()).hasCount(4);
        browser.screenshot(page, "after-replay");
        assertThat(widget.seqs()).containsExactly(1, 2, 3, 4);
        assertThat(widget.texts().get(2)).contains("Find a service");
    }

    @Test
    void anUnavailableErrorOffersToSendTheMessageAgain() {
        refusedThenSentAgain("unavailable", "didn't reach us");
    }

    @Test
    void aBusyErrorAsksThePersonToWaitAndOffersToSendTheMessageAgain() {
        refusedThenSentAgain("busy", "very busy just now");
    }

    /** The server refuses the message with {@code code}: the widget says {@code shown} and sends it again when asked. */
    private void refusedThenSentAgain(String code, String shown) {
        Page page = browser.newPage();
        FakeChat[] fake = new FakeChat[1];
        ChatWidget widget = greeted(page, fake);
        widget.input().fill("I need help with falls");
        widget.input().press("Enter");
        fake[0].await("the message", f -> "I need help with falls".equals(f.getString("text")));
        int sent = fake[0].received().size();

        fake[0].send(new JsonObject().put("type", "error").put("error", code).put("detail", "refused"));
        expect(page.locator("#signpost-widget .spw-log").getByText(shown)).isVisible();
        expect(page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Send again"))).isVisible();
        browser.screenshot(page, code);

        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send again")).click();
        fake[0].await("the message again", f -> "I need help with falls".equals(f.getString("text")), sent);
        fake[0].user(3, "I need help with falls");
        expect(widget.messages()).hasCount(3);
        expect(page.locator("#signpost-widget .spw-log").getByText(shown)).hasCount(0);
        expect(page.locator("#signpost-widget .spw-pending")).hasCount(0);
    }

    @Test
    void aNavigatorJoiningAndLeavingIsShownClearly() {
        Page page = browser.newPage();
        FakeChat[] fake = new FakeChat[1];
        ChatWidget widget = greeted(page, fake);

        widget.talkToAPerson().click();
        JsonObject handoff = fake[0].await("the handoff button frame", f -> f.getString("type").equals("button"));
        assertThat(handoff.getString("payload")).isEqualTo("/human_handoff");
        assertThat(handoff.getString("title")).isEqualTo("Talk to a person");
        fake[0].user(3, "Talk to a person").bot(4, "I've asked a care navigator to join.")
                .send(new JsonObject().put("type", "handoff").put("seq", 5).put("state", "waiting").put("navigator", ""));
        expect(widget.status()).containsText("Waiting for a care navigator");
        expect(widget.talkToAPerson()).isHidden();
        browser.screenshot(page, "waiting");

        fake[0].send(new JsonObject().put("type", "handoff").put("seq", 6).put("state", "joined").put("navigator", "Sam"))
                .send(new JsonObject().put("type", "navigator").put("seq", 7).put("text", "Hello, I'm Sam. How can I help?")
                        .put("navigator", "Sam"));
        expect(widget.status()).hasText("You're talking to Sam, a care navigator");
        expect(widget.messages("navigator")).containsText("Hello, I'm Sam.");
        expect(widget.messages("navigator")).containsText("Sam, care navigator");
        browser.screenshot(page, "joined");

        fake[0].send(new JsonObject().put("type", "handoff").put("seq", 8).put("state", "left").put("navigator", "Sam"));
        expect(widget.status()).isHidden();
        expect(widget.talkToAPerson()).isVisible();
        expect(widget.messages().last()).containsText("Sam has left");
        browser.screenshot(page, "left");
        assertThat(widget.seqs()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void messageTextIsShownAsTextWithSafeLinks() {
        Page page = browser.newPage();
        FakeChat[] fake = new FakeChat[1];
        ChatWidget widget = greeted(page, fake);

        fake[0].bot(3, "Call 0300 555 0000 or go to 111.nhs.uk.\nMore at https://www.example.org/help?a=1&b=2. "
                + "<img src=x onerror=\"window.injected=1\"><script>window.injected=2</script> javascript:alert(1)");
        expect(widget.messages()).hasCount(3);
        browser.screenshot(page, "links");

        assertThat(page.evaluate("() => window.injected === undefined")).isEqualTo(true);
        assertThat(page.locator("#signpost-widget .spw-list img, #signpost-widget .spw-list script").count()).isZero();
        List<String> hrefs = widget.messages().last().locator("a").all().stream().map(a -> a.getAttribute("href")).toList();
        assertThat(hrefs).containsExactly("tel:03005550000", "https://111.nhs.uk", "https://www.example.org/help?a=1&b=2");
        expect(widget.messages().last()).containsText("<img src=x onerror=");
        assertThat(widget.messages().last().locator("br").count()).isEqualTo(1);
    }

    @Test
    void theWidgetKeepsTheSocketAliveAndShowsTypingForAtMostTenSeconds() {
        Page page = browser.newPage();
        page.clock().install();
        FakeChat[] fake = new FakeChat[1];
        greeted(page, fake);

        fake[0].send(new JsonObject().put("type", "typing"));
        expect(page.getByText("Signpost is writing a reply")).isVisible();
        browser.screenshot(page, "typing");
        page.clock().runFor(10_500);
        expect(page.getByText("Signpost is writing a reply")).isHidden();
        page.clock().runFor(15_000);
        fake[0].await("a ping", f -> f.getString("type").equals("ping"));
    }

    @Test
    void aDroppedSocketReconnectsAndResumesFromTheLastMessageShown() {
        Page page = browser.newPage();
        FakeChat[] fake = new FakeChat[1];
        ChatWidget widget = greeted(page, fake);

        fake[0].drop();
        fake[0].awaitSockets(2);
        JsonObject resume = fake[0].await("a resume", f -> f.getString("type").equals("resume"));
        assertThat(resume.getString("session_id")).isEqualTo("s1");
        assertThat(resume.getInteger("last_seq")).isEqualTo(2);
        fake[0].session("s1", true).send(new JsonObject().put("type", "navigator").put("seq", 3)
                .put("text", "Sent while you were away").put("navigator", "Sam"));
        expect(widget.messages()).hasCount(3);
        expect(widget.messages().last()).containsText("Sent while you were away");
        assertThat(page.evaluate("() => localStorage.length")).isEqualTo(1);
        assertThat((String) page.evaluate("() => localStorage.getItem(localStorage.key(0))")).isEqualTo("s1");
    }

    @Test
    void afterAnIdleTimeOutTheWidgetWaitsAndResumesWhenThePersonNextWrites() {
        Page page = browser.newPage();
        FakeChat[] fake = new FakeChat[1];
        ChatWidget widget = greeted(page, fake);

        fake[0].send(new JsonObject().put("type", "error").put("error", "idle_timeout").put("detail", "the chat was idle"));
        fake[0].drop();
        page.waitForTimeout(1_500);
        assertThat(fake[0].sockets()).as("no reconnect while idle").isEqualTo(1);
        expect(widget.status()).isHidden();

        widget.input().fill("are you still there?");
        widget.input().press("Enter");
        fake[0].awaitSockets(2);
        JsonObject resume = fake[0].await("a resume", f -> f.getString("type").equals("resume"));
        JsonObject message = fake[0].await("the message", f -> "are you still there?".equals(f.getString("text")));
        List<JsonObject> sent = fake[0].received();
        assertThat(sent.indexOf(message)).as("resume first, then the message").isGreaterThan(sent.indexOf(resume));
        assertThat(resume.getInteger("last_seq")).isEqualTo(2);
    }

    @Test
    void aSessionTheServerNoLongerKnowsStartsAFreshConversation() {
        Page page = browser.newPage();
        FakeChat[] fake = new FakeChat[1];
        greeted(page, fake);

        // The same browser comes back in a new tab (page.reload() with a routed socket open trips
        // Playwright 1.57's Java client, which expects a close code the page does not give).
        Page again = browser.watch(page.context().newPage());
        ChatWidget widget = widgetWithFakeChat(again, fake);
        page = again;
        JsonObject resume = fake[0].await("a resume from 0 in the new tab",
                f -> f.getString("type").equals("resume") && f.getInteger("last_seq") == 0);
        assertThat(resume.getString("session_id")).isEqualTo("s1");
        fake[0].send(new JsonObject().put("type", "error").put("error", "unknown_session").put("detail", "expired"));
        widget.open();
        expect(page.locator("#signpost-widget .spw-log").getByText("Your earlier conversation has ended")).isVisible();
        expect(widget.messages()).hasCount(0);
        assertThat(page.evaluate("() => localStorage.length")).isEqualTo(0);

        widget.input().fill("hello again");
        widget.input().press("Enter");
        fake[0].await("a new first message", f -> "hello again".equals(f.getString("text")));
        fake[0].session("s2", false).user(1, "hello again");
        expect(widget.messages()).hasCount(1);
        assertThat((String) page.evaluate("() => localStorage.getItem(localStorage.key(0))")).isEqualTo("s2");
        browser.screenshot(page, "fresh-conversation");
    }
}
