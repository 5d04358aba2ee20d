package dev.music.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web page in a real Chromium against the running application ({@link IntegrationTest}).
 * Skipped where Chromium and its driver are not installed ({@link Browser#available}).
 */
@EnabledIf("dev.music.app.support.Browser#available")
public abstract class BrowserTest extends IntegrationTest {

    /** Where screenshots go when asked for: {@code -Dmusic.screenshots=docs/screenshots} (from the repository's root). */
    private static final String SCREENSHOTS = System.getProperty("music.screenshots", "");

    protected static Browser browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        // @EnabledIf is not inherited by the concrete tests: without a browser they are skipped here.
        org.junit.jupiter.api.Assumptions.assumeTrue(Browser.available(), "Chromium and its driver are not installed");
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    /** Each test starts signed out, on a desktop-sized window, online. */
    @BeforeEach
    void freshPage() {
        browser.offline(false);
        browser.viewport(1280, 800);
        open("/");
        browser.script("localStorage.clear()");
    }

    protected void open(String path) {
        browser.open("http://localhost:" + port + path);
    }

    protected WebElement find(String role, String name) {
        return browser.find(role, name);
    }

    /** The catalog table's titles, as shown. */
    protected List<String> shownTitles() {
        WebElement table = find("table", "Songs");
        List<String> titles = new ArrayList<>();
        for (WebElement cell : table.findElements(By.cssSelector("tbody tr th"))) {
            titles.add(cell.getText());
        }
        return titles;
    }

    /** The titles of a page of the API, in its order. */
    protected List<String> apiTitles(String pathAndQuery) {
        Api.Response response = api().get(pathAndQuery);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        for (JsonNode song : response.json().get("results")) {
            titles.add(song.get("title").asText());
        }
        return titles;
    }

    /** Waits until the table shows exactly these titles. */
    protected void awaitTitles(List<String> expected) {
        browser.waitFor(() -> shownTitles().equals(expected), "the table to show " + expected);
    }

    /** Signs in through the page's dialog. */
    protected void signInThroughPage(String username, String password) {
        find("button", "Sign in").click();
        WebElement dialog = find("dialog", "Sign in");
        for (String[] field : new String[][] {{"Username", username}, {"Password", password}}) {
            WebElement input = browser.find(dialog, "textbox", field[0]);
            input.clear();
            input.sendKeys(field[1]);
        }
        browser.find(dialog, "button", "Sign in").click();
        browser.waitFor(() -> !dialog.isDisplayed(), "the sign-in dialog to close");
        find("button", "Sign out");
    }

    /** A screenshot for the README, when asked for. */
    protected void screenshot(String name) throws IOException {
        if (!SCREENSHOTS.isBlank()) {
            browser.screenshot(
                    CatalogFiles.repositoryRoot().resolve(SCREENSHOTS).resolve(name + ".png"));
        }
    }

    protected static Path downloaded(String name) {
        return browser.downloads().resolve(name);
    }
}
