package dev.music.app.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real, headless Chromium (Debian's {@code chromium} with its {@code chromedriver}; nothing is
 * downloaded), driven as a screen reader finds its way: by role and accessible name, both as
 * Chromium's accessibility tree computes them. Names match case-insensitively as substrings; of
 * several matches an exact one wins. {@code MUSIC_CHROMIUM} and {@code MUSIC_CHROMEDRIVER} name
 * other binaries.
 */
public final class Browser implements AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(15);

    private static final Path CHROMIUM = Path.of(env("MUSIC_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(env("MUSIC_CHROMEDRIVER", "/usr/bin/chromedriver"));

    /** Where to look for each role: the elements that have it natively, or by an ARIA role. */
    private static final Map<String, String> CANDIDATES = Map.ofEntries(
            Map.entry("button", "button, [role=button], input[type=submit], input[type=button]"),
            Map.entry("link", "a[href], [role=link]"),
            Map.entry("searchbox", "input[type=search], [role=searchbox]"),
            Map.entry("spinbutton", "input[type=number], [role=spinbutton]"),
            Map.entry("textbox", "input:not([type]), input[type=text], input[type=password], textarea, [role=textbox]"),
            Map.entry("combobox", "select, [role=combobox]"),
            Map.entry("table", "table, [role=table]"),
            Map.entry("list", "ul, ol, [role=list]"),
            Map.entry("columnheader", "th, [role=columnheader]"),
            Map.entry("radiogroup", "[role=radiogroup]"),
            Map.entry("radio", "input[type=radio], [role=radio]"),
            Map.entry("figure", "figure, [role=figure]"),
            Map.entry("progressbar", "progress, [role=progressbar]"),
            Map.entry("alert", "[role=alert]"),
            Map.entry("status", "[role=status], output"),
            Map.entry("dialog", "dialog, [role=dialog]"),
            Map.entry("navigation", "nav, [role=navigation]"),
            Map.entry("heading", "h1, h2, h3, h4, h5, h6, [role=heading]"));

    /** Live regions have no name of their own: what they say is their text. */
    private static final java.util.Set<String> NAMED_BY_TEXT = java.util.Set.of("alert", "status");

    private final ChromeDriver driver;
    private final Path profile;
    private final Path downloads;

    public Browser() throws IOException {
        this.profile = Files.createTempDirectory("chromium-profile");
        this.downloads = Files.createTempDirectory("chromium-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As root, without a GPU, and on a closed network: Chromium's own background connections
        // would be refused by the dozen.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--lang=en-US",
                "--window-size=1280,800",
                "--user-data-dir=" + profile);
        options.setExperimentalOption(
                "prefs",
                Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        viewport(1280, 800);
    }

    /** Whether Chromium and its driver are installed (the browser tests are skipped otherwise). */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /** The page's viewport in CSS pixels, as a phone or a desktop window has it. */
    public void viewport(int width, int height) {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** Cuts the page off the network (every request fails, as when the service is away), or reconnects it. */
    public void offline(boolean offline) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** The folder downloads land in. */
    public Path downloads() {
        return downloads;
    }

    /** The one visible element with this role and name, waiting for it to appear. */
    public WebElement find(String role, String name) {
        return find(driver, role, name);
    }

    /** The one visible element with this role and name inside {@code scope}, waiting for it to appear. */
    public WebElement find(SearchContext scope, String role, String name) {
        return waitFor(
                () -> {
                    List<WebElement> found = all(scope, role, name);
                    return found.isEmpty() ? null : found.get(0);
                },
                "a " + role + " named \"" + name + "\"");
    }

    /** Every visible element with this role whose name holds {@code name}, exact matches first. */
    public List<WebElement> all(SearchContext scope, String role, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        List<WebElement> exact = new ArrayList<>();
        List<WebElement> partial = new ArrayList<>();
        try {
            for (WebElement element : scope.findElements(By.cssSelector(CANDIDATES.get(role)))) {
                if (!element.isDisplayed() || !role.equals(element.getAriaRole())) {
                    continue;
                }
                String accessible = (NAMED_BY_TEXT.contains(role) ? element.getText() : element.getAccessibleName())
                        .strip()
                        .toLowerCase(Locale.ROOT);
                if (accessible.equals(wanted)) {
                    exact.add(element);
                } else if (accessible.contains(wanted)) {
                    partial.add(element);
                }
            }
        } catch (StaleElementReferenceException e) {
            return List.of(); // the page changed while it was read: the caller looks again
        }
        exact.addAll(partial);
        return exact;
    }

    /** Waits until {@code condition} answers something other than null or false, and answers it. */
    public <T> T waitFor(Supplier<T> condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T value = null;
        while (System.nanoTime() < deadline) {
            try {
                value = condition.get();
            } catch (StaleElementReferenceException e) {
                value = null;
            }
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            pause();
        }
        throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what + " in " + driver.getCurrentUrl());
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        for (Path dir : List.of(profile, downloads)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}
