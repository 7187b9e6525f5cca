package org.signpost.server.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.signpost.core.staff.Role;
import org.signpost.server.RunningServer;
import org.signpost.server.ServerConfig;

/**
 * What a browser test needs, as a JUnit 5 extension: a real Signpost server for the test class,
 * Debian's Chromium (launched once per class, headless), a fresh browser context per call of
 * {@link #newPage} (closed after each test), screenshots under {@code target/screenshots/} and an
 * axe-core audit. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BrowserSupport browser = new BrowserSupport();
 * }</pre>
 *
 * Playwright never downloads a browser here ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}); a missing
 * {@code /usr/bin/chromium} or axe-core fails the test with what to install ({@code ./scripts/test}
 * installs both). When a test fails, every page it opened is screenshotted as {@code ...-failure.png}.
 */
public final class BrowserSupport implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** Where the screenshots go, relative to the server module (failsafe's working directory). */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** The WCAG 2.2 AA rule sets of axe-core (2.0, 2.1 and 2.2, levels A and AA). */
    public static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    public static final String JWT_SECRET = "a-browser-test-secret-that-is-long-enough-0123";

    private static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

    private final Map<String, String> environment;
    private RunningServer server;
    private Playwright playwright;
    private Browser browser;
    private String testName = "setup";
    private final List<BrowserContext> contexts = new CopyOnWriteArrayList<>();
    private final Map<Page, List<String>> pageErrors = new HashMap<>();

    /** A server with the default configuration (plus a fixed token secret). */
    public BrowserSupport() {
        this(Map.of());
    }

    /** A server configured as by these environment variables, e.g. {@code SIGNPOST_ADMIN_USER}. */
    public BrowserSupport(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(Map.of("SIGNPOST_JWT_SECRET", JWT_SECRET));
        all.putAll(Objects.requireNonNull(environment, "environment"));
        this.environment = Map.copyOf(all);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("The browser tests need Debian's Chromium at " + CHROMIUM
                    + ": run ./scripts/test (it installs it as root) or apt-get install -y chromium");
        }
        server = RunningServer.start(ServerConfig.fromEnvironment(environment));
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(CHROMIUM_ARGS));
        Files.createDirectories(SCREENSHOTS);
        // Pictures of an earlier run (a failure since fixed) would mislead whoever looks at them.
        String prefix = context.getRequiredTestClass().getSimpleName() + "-";
        try (var old = Files.list(SCREENSHOTS)) {
            for (Path file : old.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
            if (playwright != null) {
                playwright.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        testName = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (context.getExecutionException().isPresent()) {
                int n = 0;
                for (BrowserContext open : contexts) {
                    for (Page page : open.pages()) {
                        screenshot(page, "failure" + (n++ == 0 ? "" : "-" + n));
                        System.err.println("[" + testName + "] page " + page.url() + " errors: " + errors(page));
                    }
                }
            }
        } catch (RuntimeException ignored) {
            // A screenshot of a broken page is a nice-to-have; the test's own failure is what matters.
        } finally {
            contexts.forEach(BrowserContext::close);
            contexts.clear();
            pageErrors.clear();
        }
    }

    /** The server of this test class. */
    public RunningServer server() {
        return server;
    }

    /** The server's address, e.g. {@code http://localhost:41234}, without a trailing slash. */
    public String baseUrl() {
        String uri = server.uri("/").toString();
        return uri.substring(0, uri.length() - 1);
    }

    /** A new, isolated browser context (its own storage and cookies), closed after the test. */
    public BrowserContext newContext(Browser.NewContextOptions options) {
        BrowserContext context = browser.newContext(options.setBaseURL(baseUrl()));
        context.setDefaultTimeout(10_000);
        contexts.add(context);
        return context;
    }

    /** A page in a new context with a desktop-sized window. */
    public Page newPage() {
        return newPage(1280, 800);
    }

    /** A page in a new context with this viewport, e.g. 320 wide for a small phone. */
    public Page newPage(int width, int height) {
        return watch(newContext(new Browser.NewContextOptions().setViewportSize(width, height)).newPage());
    }

    /** Records the page's uncaught script errors, for {@link #errors} and failure reports. */
    public Page watch(Page page) {
        List<String> errors = new CopyOnWriteArrayList<>();
        pageErrors.put(page, errors);
        page.onPageError(errors::add);
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                errors.add("console: " + message.text());
            }
        });
        return page;
    }

    /** The uncaught errors and console errors of a page opened by {@link #newPage}. */
    public List<String> errors(Page page) {
        return List.copyOf(pageErrors.getOrDefault(page, List.of()));
    }

    /** Saves {@code target/screenshots/<TestClass>-<testMethod>-<step>.png}; returns its path. */
    public Path screenshot(Page page, String step) {
        Path file = SCREENSHOTS.resolve(testName + "-" + step.replaceAll("[^A-Za-z0-9_.-]+", "-") + ".png");
        // Finished animations: a picture of what the person sees once things have settled.
        page.screenshot(new Page.ScreenshotOptions().setPath(file)
                .setAnimations(com.microsoft.playwright.options.ScreenshotAnimations.DISABLED));
        return file;
    }

    /**
     * Runs axe-core's WCAG 2.2 AA rules on the page as it is now and fails on any serious or
     * critical violation, listing rule, impact, help and the elements.
     */
    public void assertAccessible(Page page) {
        List<Map<String, Object>> blocking = new ArrayList<>();
        for (Map<String, Object> violation : axe(page)) {
            if ("serious".equals(violation.get("impact")) || "critical".equals(violation.get("impact"))) {
                blocking.add(violation);
            }
        }
        if (!blocking.isEmpty()) {
            StringBuilder message = new StringBuilder("axe-core found " + blocking.size()
                    + " serious or critical WCAG 2.2 AA violation(s) on " + page.url() + ":");
            for (Map<String, Object> violation : blocking) {
                message.append("\n- ").append(violation.get("id")).append(" (").append(violation.get("impact")).append("): ")
                        .append(violation.get("help"));
                for (Object node : (List<?>) violation.get("nodes")) {
                    Map<?, ?> element = (Map<?, ?>) node;
                    message.append("\n    at ").append(element.get("target")).append(": ")
                            .append(String.valueOf(element.get("summary")).replace('\n', ' '));
                }
            }
            throw new AssertionError(message.toString());
        }
    }

    /** Every WCAG 2.2 AA violation axe-core finds: id, impact, help and nodes (target, summary). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> axe(Page page) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.addScriptTag(new Page.AddScriptTagOptions().setPath(axeScript()));
        }
        return (List<Map<String, Object>>) page.evaluate("""
                async tags => {
                  // Colours half-way through a fade would be judged, not the ones that stay.
                  document.getAnimations().forEach(animation => animation.finish());
                  const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
                  return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => ({ target: JSON.stringify(n.target), summary: n.failureSummary })) }));
                }""", WCAG_22_AA);
    }

    /** Adds a member of staff who can then sign in (e.g. a navigator for the console). */
    public void addStaff(String username, String password, Role... roles) throws Exception {
        server.addStaff(username, password, roles);
    }

    /** Signs in through {@code POST /api/login}; the bearer token. */
    public String login(String username, String password) throws Exception {
        HttpResponse<String> response = server.postJson("/api/login",
                new JsonObject().put("username", username).put("password", password).encode());
        if (response.statusCode() != 200) {
            throw new AssertionError("signing in as " + username + " answered " + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body()).getString("token");
    }

    /** axe-core from web-widget/node_modules (installed by {@code npm ci}, which ./scripts/test runs). */
    static Path axeScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path axe = dir.resolve("web-widget/node_modules/axe-core/axe.min.js");
            if (Files.isRegularFile(axe)) {
                return axe;
            }
        }
        throw new IllegalStateException("axe-core is missing: run ./scripts/test, or npm ci in web-widget/");
    }
}
