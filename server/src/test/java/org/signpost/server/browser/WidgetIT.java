package org.signpost.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.signpost.server.browser.ChatWidget.expect;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.ReducedMotion;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The widget on the demo page against the real server and its real flows, in Chromium: what the
 * bot says comes from dialogs/content (utter_greet, utter_ask_service_category, utter_ask_locality,
 * the falls service in the directory), not from the test.
 */
class WidgetIT {

    @RegisterExtension
    static final BrowserSupport browser = new BrowserSupport();

    /** Says hello and presses "Find a service": four messages, the last asking what help is needed. */
    private static ChatWidget askedWhatHelpIsNeeded(Page page) {
        ChatWidget widget = ChatWidget.load(page).open();
        widget.say("hello").awaitBotAfter(1);
        widget.press("Find a service").awaitBotAfter(3);
        expect(widget.messages().last()).containsText("What do you need help with?");
        return widget;
    }

    @Test
    void aPatientFindsAFallsServiceWithTheButtons() {
        Page page = browser.newPage();
        ChatWidget widget = ChatWidget.load(page);
        expect(widget.launcher()).hasText("Chat with Signpost");
        browser.screenshot(page, "01-launcher");

        widget.open();
        expect(widget.emergency()).containsText("In an emergency call 999");
        widget.say("hello").awaitBotAfter(1);
        expect(widget.messages("bot").first()).containsText("Hello, I'm Signpost");
        assertThat(widget.replies().allInnerTexts()).containsExactly("Find a service", "Talk to a person", "What can you do?");
        browser.screenshot(page, "02-greeting");

        widget.press("Find a service").awaitBotAfter(3);
        expect(widget.messages().last()).containsText("What do you need help with?");
        assertThat(widget.replies().allInnerTexts()).contains("Falls", "Mental health");
        browser.screenshot(page, "03-what-help");

        widget.press("Falls").awaitBotAfter(5);
        expect(widget.messages().last()).containsText("Which part of Dudley do you live in?");
        browser.screenshot(page, "04-where");

        widget.press("Halesowen");
        expect(widget.messages("bot").filter(new Locator.FilterOptions().setHasText("Is there anything else")))
                .hasCount(1, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(15_000));
        String transcript = String.join("\n", widget.texts());
        assertThat(transcript).contains("Here is what I found for falls in Halesowen", "Dudley Falls Prevention Service");
        browser.screenshot(page, "05-found");

        List<Integer> seqs = widget.seqs();
        assertThat(seqs).first().isEqualTo(1);
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("seq after %s", seqs.get(i - 1)).isEqualTo(seqs.get(i - 1) + 1);
        }
        assertThat(widget.said("user")).containsExactly("hello", "Find a service", "Falls", "Halesowen");
        assertThat(browser.errors(page)).isEmpty();
    }

    @Test
    void aReloadMidConversationKeepsEveryMessage() {
        Page page = browser.newPage();
        ChatWidget widget = askedWhatHelpIsNeeded(page);
        widget.press("Falls").awaitBotAfter(5);
        List<String> before = widget.texts();
        List<Integer> seqsBefore = widget.seqs();
        browser.screenshot(page, "01-before-reload");

        page.reload();
        widget.open();
        expect(widget.messages()).hasCount(before.size());
        assertThat(widget.texts()).isEqualTo(before);
        assertThat(widget.seqs()).isEqualTo(seqsBefore);
        expect(widget.reply("Halesowen")).isVisible();
        browser.screenshot(page, "02-after-reload");

        // Only the session id is stored in the browser, never what was said.
        @SuppressWarnings("unchecked")
        List<String> stored = (List<String>) page.evaluate("() => Object.keys(localStorage).map(k => localStorage.getItem(k))");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).doesNotContain("Falls", "hello").hasSizeLessThan(200);

        // The conversation carries on where it was: the locality question is answered.
        widget.press("Halesowen");
        expect(widget.messages().filter(new Locator.FilterOptions().setHasText("Here is what I found for falls in Halesowen")))
                .hasCount(1, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(15_000));
        browser.screenshot(page, "03-carried-on");
    }

    @Test
    void aDroppedSocketReconnectsAndReplaysWhatTheServerSentMeanwhile() {
        Page page = browser.newPage();
        // A proxy between the page and the real server that can lose frames and drop the socket.
        AtomicBoolean lose = new AtomicBoolean(false);
        List<JsonObject> lost = new CopyOnWriteArrayList<>();
        List<JsonObject> fromPage = new CopyOnWriteArrayList<>();
        List<WebSocketRoute[]> sockets = new ArrayList<>();
        page.routeWebSocket(url -> url.endsWith("/ws/chat"), pageSide -> {
            WebSocketRoute serverSide = pageSide.connectToServer();
            sockets.add(new WebSocketRoute[] {pageSide, serverSide});
            pageSide.onMessage(frame -> {
                fromPage.add(new JsonObject(frame.text()));
                serverSide.send(frame.text());
            });
            serverSide.onMessage(frame -> {
                if (lose.get()) {
                    lost.add(new JsonObject(frame.text()));
                } else {
                    pageSide.send(frame.text());
                }
            });
        });
        ChatWidget widget = ChatWidget.load(page).open();
        widget.say("hello").awaitBotAfter(1);
        int shown = widget.messages().count();
        browser.screenshot(page, "01-connected");

        // The connection goes bad: the server keeps the person's button press and answers it, but
        // nothing reaches the page; then the socket drops.
        lose.set(true);
        widget.reply("Find a service").click();
        waitFor(page, "the server's answer, lost on the way", () -> lost.stream().anyMatch(f -> "bot".equals(f.getString("type"))));
        expect(page.locator("#signpost-widget .spw-pending")).containsText("Find a service");
        assertThat(widget.messages().count()).isEqualTo(shown);
        browser.screenshot(page, "02-answer-lost");
        lose.set(false);
        WebSocketRoute[] first = sockets.get(0);
        first[1].close();
        first[0].close(new WebSocketRoute.CloseOptions().setCode(1011).setReason("dropped by the test"));

        waitFor(page, "a second socket", () -> sockets.size() >= 2);
        expect(widget.messages().last()).containsText("What do you need help with?");
        browser.screenshot(page, "03-replayed");

        JsonObject resume = fromPage.stream().filter(f -> "resume".equals(f.getString("type"))).findFirst().orElseThrow();
        assertThat(resume.getInteger("last_seq")).isEqualTo(shown);
        assertThat(widget.said("user")).containsExactly("hello", "Find a service");
        assertThat(widget.seqs()).containsExactly(1, 2, 3, 4);
        expect(page.locator("#signpost-widget .spw-pending")).hasCount(0);
        // The button press was sent once: the widget waited for the replay instead of sending it again.
        assertThat(fromPage.stream().filter(f -> "button".equals(f.getString("type"))).count()).isEqualTo(1);

        widget.press("Falls").awaitBotAfter(5);
        expect(widget.messages().last()).containsText("Which part of Dudley");
    }

    @Test
    void aKeyboardAloneCanOpenTalkAndClose() {
        Page page = browser.newPage();
        ChatWidget widget = ChatWidget.load(page);
        page.keyboard().press("Tab");
        assertThat(widget.focused()).startsWith("a.skip");
        for (int i = 0; i < 30 && !widget.focused().contains("spw-launcher"); i++) {
            page.keyboard().press("Tab");
        }
        assertThat(widget.focused()).contains("spw-launcher");
        browser.screenshot(page, "01-launcher-focused");

        page.keyboard().press("Enter");
        expect(widget.panel()).isVisible();
        assertThat(widget.focused()).isEqualTo("input#spw-input.spw-input");
        page.keyboard().type("hello");
        page.keyboard().press("Enter");
        widget.awaitBotAfter(1);
        assertThat(widget.focused()).isEqualTo("input#spw-input.spw-input");

        // Back from the message box to the quick replies, last one first.
        page.keyboard().press("Shift+Tab");
        assertThat(focusedText(page)).isEqualTo("What can you do?");
        page.keyboard().press("Shift+Tab");
        page.keyboard().press("Shift+Tab");
        assertThat(focusedText(page)).isEqualTo("Find a service");
        browser.screenshot(page, "02-reply-focused");
        page.keyboard().press("Enter");
        widget.awaitBotAfter(3);
        expect(widget.messages().last()).containsText("What do you need help with?");
        assertThat(widget.focused()).isEqualTo("input#spw-input.spw-input");

        // Forward from the message box: Send, then "Talk to a person".
        page.keyboard().press("Tab");
        assertThat(focusedText(page)).isEqualTo("Send");
        page.keyboard().press("Tab");
        assertThat(focusedText(page)).isEqualTo("Talk to a person");
        browser.screenshot(page, "03-talk-to-a-person-focused");

        page.keyboard().press("Escape");
        expect(widget.panel()).isHidden();
        assertThat(widget.focused()).contains("spw-launcher");
        expect(widget.launcher()).hasAttribute("aria-expanded", "false");
        browser.screenshot(page, "04-closed");

        page.keyboard().press("Enter");
        expect(widget.panel()).isVisible();
        assertThat(widget.focused()).isEqualTo("input#spw-input.spw-input");
        expect(widget.messages()).hasCount(4);
    }

    @Test
    void onA320PixelWideScreenThePanelFillsTheScreenAndEveryTargetIsBigEnough() {
        Page page = browser.newPage(320, 640);
        ChatWidget widget = askedWhatHelpIsNeeded(page);
        browser.screenshot(page, "01-phone");

        BoundingBox panel = widget.panel().boundingBox();
        assertThat(panel.x).isZero();
        assertThat(panel.width).isEqualTo(320);
        assertThat(panel.height).isEqualTo(640);
        assertThat(page.evaluate("() => document.querySelector('#spw-panel').scrollWidth <= 320")).isEqualTo(true);
        expect(widget.emergency()).isInViewport();
        assertTargetsAtLeast24Pixels(page);
        browser.assertAccessible(page);
    }

    @Test
    void at400PercentZoomTheConversationStillWorks() {
        // 1280 x 800 at 400 %: a 320 x 200 CSS-pixel window drawn with four device pixels a pixel.
        Page page = browser.watch(browser.newContext(new Browser.NewContextOptions().setViewportSize(320, 200)
                .setDeviceScaleFactor(4)).newPage());
        ChatWidget widget = ChatWidget.load(page).open();
        expect(widget.input()).isInViewport();
        widget.say("hello").awaitBotAfter(1);
        widget.reply("Find a service").scrollIntoViewIfNeeded();
        browser.screenshot(page, "01-zoomed");
        widget.press("Find a service").awaitBotAfter(3);
        widget.messages().last().scrollIntoViewIfNeeded();
        expect(widget.messages().last()).isInViewport();
        browser.screenshot(page, "02-zoomed-reply");
        assertThat(page.evaluate("() => document.querySelector('#spw-panel').scrollWidth <= 320")).isEqualTo(true);
    }

    @Test
    void reducedMotionIsRespected() {
        Page moving = browser.newPage();
        ChatWidget.load(moving).open();
        assertThat(moving.evaluate("() => getComputedStyle(document.querySelector('#spw-panel')).animationName")).isEqualTo("spw-in");

        Page still = browser.watch(browser.newContext(new Browser.NewContextOptions().setReducedMotion(ReducedMotion.REDUCE))
                .newPage());
        ChatWidget.load(still).open();
        assertThat(still.evaluate("() => getComputedStyle(document.querySelector('#spw-panel')).animationName")).isEqualTo("none");
    }

    @Test
    void anotherSiteWithStylesOfItsOwnCarriesTheWidgetWithOneScriptTag() throws Exception {
        Page page = browser.newPage();
        // A council's page on another origin, with the blunt global styles real sites have.
        String council = "<!doctype html><html lang=\"en-GB\"><head><title>Anytown Council</title>"
                + "<style>* { line-height: 1; } button { background: #c00; color: #fff; font-size: 10px; padding: 0; border: 0; }"
                + " p { margin: 3em; } ol, li { list-style: square; }</style></head>"
                + "<body><main><h1>Anytown Council</h1><p>Adult social care</p></main>"
                + "<script src=\"" + browser.baseUrl() + "/widget.js\" data-signpost-url=\"" + browser.baseUrl()
                + "\"></script></body></html>";
        // Served by a web server of its own on this machine: a page that Playwright made up would
        // count as public, and Chromium keeps public pages from loading scripts from loopback.
        com.sun.net.httpserver.HttpServer site = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", exchange -> {
            byte[] body = council.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
        try {
            page.navigate("http://127.0.0.1:" + site.getAddress().getPort() + "/social-care");
            ChatWidget widget = new ChatWidget(page).open();
            widget.say("hello").awaitBotAfter(1);
            expect(widget.messages("bot").first()).containsText("Hello, I'm Signpost");
            browser.screenshot(page, "01-on-another-site");

            assertTargetsAtLeast24Pixels(page);
            browser.assertAccessible(page);
            assertThat(browser.errors(page)).isEmpty();
        } finally {
            site.stop(0);
        }
    }

    static void assertTargetsAtLeast24Pixels(Page page) {
        List<String> small = new ArrayList<>();
        for (Locator target : page.locator("#spw-panel button, #signpost-widget .spw-launcher").all()) {
            if (!target.isVisible()) {
                continue;
            }
            BoundingBox box = target.boundingBox();
            if (box.width < 24 || box.height < 24) {
                small.add(target.innerText() + " " + box.width + "x" + box.height);
            }
        }
        assertThat(small).as("targets smaller than 24 x 24 px").isEmpty();
    }

    private static String focusedText(Page page) {
        return ((String) page.evaluate("() => document.activeElement.innerText || document.activeElement.value || ''")).trim();
    }

    private static void waitFor(Page page, String what, java.util.function.BooleanSupplier condition) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("waited 10 s for " + what);
            }
            page.waitForTimeout(50);
        }
    }
}
