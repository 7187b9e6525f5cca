package org.signpost.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.signpost.server.browser.ChatWidget.expect;

import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.signpost.core.staff.Role;

/**
 * The person's side of a handoff in the widget, with the navigator driven through the staff HTTP
 * API from Java (the console's own test drives both in browsers): waiting, joined, messages both
 * ways, a reload while the navigator is there, and the hand back to the bot.
 */
class WidgetHandoffIT {

    @RegisterExtension
    static final BrowserSupport browser = new BrowserSupport();

    @BeforeAll
    static void aNavigator() throws Exception {
        browser.addStaff("sam", "navigator password", Role.NAVIGATOR);
    }

    @Test
    void aNavigatorJoinsTalksAndHandsBackToTheBot() throws Exception {
        Page page = browser.newPage();
        ChatWidget widget = ChatWidget.load(page).open();
        widget.say("hello").awaitBotAfter(1);
        widget.press("Talk to a person");
        expect(widget.status()).containsText("Waiting for a care navigator");
        expect(widget.talkToAPerson()).isHidden();
        browser.screenshot(page, "01-waiting");

        String token = browser.login("sam", "navigator password");
        String conversation = "web:" + page.evaluate("() => localStorage.getItem(Object.keys(localStorage)[0])");
        JsonObject escalation = waitingFor(token, conversation);
        assertThat(escalation.getString("channel")).isEqualTo("web");
        HttpResponse<String> claimed = call("POST", "/api/escalations/" + escalation.getString("id") + "/claim", token, null);
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        expect(widget.status()).hasText("You're talking to Sam, a care navigator");
        expect(widget.messages().last()).containsText("Sam, a care navigator, joined the conversation");

        String path = "/api/conversations/" + conversation;
        HttpResponse<String> said = call("POST", path + "/messages", token,
                new JsonObject().put("text", "Hello, I'm Sam. How can I help? See https://www.nhs.uk/conditions/falls/").encode());
        assertThat(said.statusCode()).as(said.body()).isEqualTo(201);
        expect(widget.messages("navigator")).containsText("Hello, I'm Sam. How can I help?");
        expect(widget.messages("navigator").locator("a")).hasAttribute("href", "https://www.nhs.uk/conditions/falls/");
        browser.screenshot(page, "02-navigator-joined");
        browser.assertAccessible(page);

        int before = widget.messages().count();
        widget.say("My mum keeps falling at home");
        JsonArray transcript = new JsonObject(call("GET", path, token, null).body()).getJsonArray("transcript");
        assertThat(transcript.stream().map(JsonObject.class::cast)
                .filter(entry -> "user".equals(entry.getString("type"))).map(entry -> entry.getString("text")))
                .contains("My mum keeps falling at home");
        // While the navigator is there, the bot stays quiet.
        page.waitForTimeout(500);
        expect(widget.messages()).hasCount(before + 1);

        // A reload while the navigator is there keeps every message and the banner.
        java.util.List<String> shown = widget.texts();
        page.reload();
        widget.open();
        expect(widget.messages()).hasCount(shown.size());
        assertThat(widget.texts()).isEqualTo(shown);
        expect(widget.status()).hasText("You're talking to Sam, a care navigator");
        browser.screenshot(page, "03-after-reload");

        HttpResponse<String> released = call("POST", path + "/release", token,
                new JsonObject().put("outcome", "handed_back").encode());
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        expect(widget.messages().last()).containsText("Sam has left");
        expect(widget.status()).isHidden();
        expect(widget.talkToAPerson()).isVisible();
        browser.screenshot(page, "04-handed-back");

        int handedBack = widget.messages().count();
        widget.say("hello").awaitBotAfter(handedBack + 1);
        expect(widget.messages("bot").last()).containsText("Hello, I'm Signpost");
        browser.screenshot(page, "05-bot-again");
        assertThat(browser.errors(page)).isEmpty();
    }

    @Test
    void theTalkToAPersonControlWorksInTheMiddleOfAQuestion() {
        Page page = browser.newPage();
        ChatWidget widget = ChatWidget.load(page).open();
        widget.say("hello").awaitBotAfter(1);
        widget.press("Find a service").awaitBotAfter(3);
        expect(widget.messages().last()).containsText("What do you need help with?");

        // The bot's last message did not offer this button: the server echoes the payload, and
        // the widget still shows what the person pressed.
        widget.talkToAPerson().click();
        expect(widget.status()).containsText("Waiting for a care navigator");
        assertThat(widget.said("user")).containsExactly("hello", "Find a service", "Talk to a person");
        expect(page.locator("#signpost-widget .spw-pending")).hasCount(0);
        assertThat(widget.focused()).isEqualTo("input#spw-input.spw-input");
        browser.screenshot(page, "01-waiting");
    }

    private static JsonObject waitingFor(String token, String conversation) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            JsonObject queue = new JsonObject(call("GET", "/api/escalations", token, null).body());
            for (Object waiting : queue.getJsonArray("waiting")) {
                if (conversation.equals(((JsonObject) waiting).getString("conversation_id"))) {
                    return (JsonObject) waiting;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no escalation for " + conversation + " in the queue");
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(browser.server().uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return browser.server().send(request.build());
    }
}
