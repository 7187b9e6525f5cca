package org.signpost.server.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.util.List;

/** The chat widget on a page, as a person sees and uses it (a page object for the browser tests). */
final class ChatWidget {

    private final Page page;

    ChatWidget(Page page) {
        this.page = page;
    }

    /** Opens the demo page at {@code /}, which has the widget on it. */
    static ChatWidget load(Page page) {
        page.navigate("/");
        return new ChatWidget(page);
    }

    static LocatorAssertions expect(Locator locator) {
        return PlaywrightAssertions.assertThat(locator);
    }

    Page page() {
        return page;
    }

    Locator launcher() {
        return page.locator("#signpost-widget .spw-launcher");
    }

    Locator panel() {
        return page.getByRole(com.microsoft.playwright.options.AriaRole.DIALOG);
    }

    Locator input() {
        return page.getByLabel("Your message");
    }

    Locator status() {
        return page.locator("#signpost-widget .spw-status");
    }

    Locator emergency() {
        return page.locator("#signpost-widget .spw-emergency");
    }

    Locator talkToAPerson() {
        return page.locator("#signpost-widget .spw-foot").getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Talk to a person"));
    }

    /** Every message of the transcript the server confirmed (each carries its seq). */
    Locator messages() {
        return page.locator("#signpost-widget .spw-list > li[data-seq]");
    }

    Locator messages(String kind) {
        return page.locator("#signpost-widget .spw-list > li[data-seq][data-kind=" + kind + "]");
    }

    /** The quick-reply buttons on offer now. */
    Locator replies() {
        return page.locator("#signpost-widget .spw-replies button");
    }

    Locator reply(String title) {
        return page.locator("#signpost-widget .spw-replies").getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName(title).setExact(true));
    }

    /** Opens the panel with the launcher, as a mouse user would. */
    ChatWidget open() {
        launcher().click();
        expect(panel()).isVisible();
        return this;
    }

    /** Types a message and presses Enter; waits until the server echoes it. */
    ChatWidget say(String text) {
        int before = messages("user").count();
        input().fill(text);
        input().press("Enter");
        expect(messages("user")).hasCount(before + 1);
        return this;
    }

    /** Presses a quick-reply button; waits until the server echoes its title. */
    ChatWidget press(String title) {
        int before = messages("user").count();
        reply(title).click();
        expect(messages("user")).hasCount(before + 1);
        expect(messages("user").last()).containsText(title);
        return this;
    }

    /** Waits until the transcript holds at least {@code count} messages and ends with a bot message. */
    ChatWidget awaitBotAfter(int count) {
        long until = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < until) {
            List<String> kinds = kinds();
            if (kinds.size() > count && "bot".equals(kinds.get(kinds.size() - 1))) {
                page.waitForTimeout(300); // a turn may send several bot messages: let them land
                return this;
            }
            page.waitForTimeout(50);
        }
        throw new AssertionError("no bot reply after message " + count + "; the transcript is " + texts());
    }

    @SuppressWarnings("unchecked")
    List<String> kinds() {
        return (List<String>) page.evaluate("() => [...document.querySelectorAll('#signpost-widget .spw-list > li[data-seq]')]"
                + ".map(li => li.dataset.kind)");
    }

    /** The transcript as the person sees it, one string per message (for comparisons). */
    List<String> texts() {
        return messages().allInnerTexts();
    }

    /** What each message of this kind says, without the "You said:" prefix meant for screen readers. */
    @SuppressWarnings("unchecked")
    List<String> said(String kind) {
        return (List<String>) page.evaluate("kind => [...document.querySelectorAll("
                + "`#signpost-widget .spw-list > li[data-seq][data-kind=${kind}] .spw-bubble`)].map(b => [...b.childNodes]"
                + ".filter(n => !(n.classList && n.classList.contains('spw-vh'))).map(n => n.textContent).join('').trim())", kind);
    }

    @SuppressWarnings("unchecked")
    List<Integer> seqs() {
        return ((List<Object>) page.evaluate("() => [...document.querySelectorAll('#signpost-widget .spw-list > li[data-seq]')]"
                + ".map(li => Number(li.dataset.seq))")).stream().map(n -> ((Number) n).intValue()).toList();
    }

    /** The element with keyboard focus, described as "tag.class" or "tag#id" (for focus assertions). */
    String focused() {
        return (String) page.evaluate("() => { const e = document.activeElement; return e ? e.tagName.toLowerCase()"
                + " + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') : 'none'; }");
    }
}
