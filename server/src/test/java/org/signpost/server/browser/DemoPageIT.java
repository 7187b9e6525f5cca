package org.signpost.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo page at {@code GET /} in a real Chromium: it renders and passes the accessibility audit. */
class DemoPageIT {

    @RegisterExtension
    static final BrowserSupport browser = new BrowserSupport();

    @Test
    void theDemoPageRendersAndHasNoSeriousAccessibilityProblems() {
        Page page = browser.newPage();
        ChatWidget.load(page);

        assertThat(page.locator("h1").first().textContent()).isNotBlank();
        browser.screenshot(page, "loaded");
        browser.assertAccessible(page);
        assertThat(browser.errors(page)).isEmpty();
    }
}
