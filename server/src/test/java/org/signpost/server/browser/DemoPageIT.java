package org.signpost.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.signpost.server.browser.ChatWidget.expect;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo page at {@code GET /} in a real Chromium: a fictional local site with the widget on it. */
class DemoPageIT {

    @RegisterExtension
    static final BrowserSupport browser = new BrowserSupport();

    @Test
    void theDemoPageHasLandmarksASkipLinkAndNoSeriousAccessibilityProblems() {
        Page page = browser.newPage();
        ChatWidget widget = ChatWidget.load(page);

        expect(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Find health and care help in Dudley");
        expect(page.getByRole(AriaRole.MAIN)).hasCount(1);
        expect(page.getByRole(AriaRole.BANNER)).hasCount(1);
        expect(page.getByRole(AriaRole.NAVIGATION)).hasCount(1);
        expect(page.getByRole(AriaRole.CONTENTINFO)).hasCount(1);
        expect(page.getByText("Dudley Health and Care is fictional")).isVisible();
        expect(page.locator("a[href='/openapi.yaml']")).hasCount(1);
        expect(widget.launcher()).isVisible();
        page.keyboard().press("Tab");
        expect(page.getByText("Skip to main content")).isFocused();
        browser.screenshot(page, "01-loaded");

        browser.assertAccessible(page);
        assertThat(browser.errors(page)).isEmpty();
    }

    @Test
    void theWidgetScriptIsServedAsJavaScript() throws Exception {
        java.net.http.HttpResponse<String> script = browser.server().get("/widget.js");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(script.body()).contains("/ws/chat");
    }

    @Test
    void theDemoPageWithTheChatOpenHasNoSeriousAccessibilityProblems() {
        Page page = browser.newPage();
        ChatWidget widget = ChatWidget.load(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start a chat")).click();
        expect(widget.panel()).isVisible();
        widget.say("hello").awaitBotAfter(1);
        widget.press("Find a service").awaitBotAfter(3);
        expect(widget.replies().first()).isVisible();
        browser.screenshot(page, "01-chat-open");

        browser.assertAccessible(page);
        WidgetIT.assertTargetsAtLeast24Pixels(page);
        assertThat(browser.errors(page)).isEmpty();
    }
}
