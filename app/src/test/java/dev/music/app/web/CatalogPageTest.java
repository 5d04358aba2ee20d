package dev.music.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.support.Api;
import dev.music.app.support.BrowserTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The catalog page in Chromium, point by point of WEB.md: the table, sorting, paging, the search
 * box, filters, state in the location, the CSV download, song details, the charts, errors and a
 * phone-sized screen. Every expectation is the API's own answer for the same view.
 */
class CatalogPageTest extends BrowserTest {

    @BeforeEach
    void catalog() throws Exception {
        importProjectPlaylistOnce();
    }

    @Test
    void theTableShowsTenRowsWithItsColumnsAndPagesThroughTheCatalog() {
        open("/");
        WebElement table = find("table", "Songs");
        for (String column : List.of("Title", "Rating", "Ratings", "Danceability", "Energy", "Tempo", "Duration")) {
            browser.find(table, "columnheader", column);
        }
        awaitTitles(apiTitles("/api/music/?page_size=10"));
        find("combobox", "Rows per page");
        assertThat(find("combobox", "Rows per page").findElements(By.tagName("option")))
                .extracting(WebElement::getText)
                .containsExactly("10", "25", "50", "100");
        pageText("Page 1 of 10");

        find("button", "Next page").click();
        pageText("Page 2 of 10");
        awaitTitles(apiTitles("/api/music/?page_size=10&page=2"));
        find("button", "Last page").click();
        pageText("Page 10 of 10");
        awaitTitles(apiTitles("/api/music/?page_size=10&page=10"));
        assertThat(find("button", "Next page").isEnabled()).isFalse();
        find("button", "Previous page").click();
        pageText("Page 9 of 10");
        awaitTitles(apiTitles("/api/music/?page_size=10&page=9"));
        find("button", "First page").click();
        pageText("Page 1 of 10");
        assertThat(find("button", "Previous page").isEnabled()).isFalse();

        new Select(find("combobox", "Rows per page")).selectByVisibleText("25");
        pageText("Page 1 of 4");
        awaitTitles(apiTitles("/api/music/?page_size=25"));
    }

    @Test
    void eachHeaderSortsAscendingThenDescendingInTheApisOrder() {
        open("/");
        for (String[] column : new String[][] {
            {"Tempo", "tempo"}, {"Title", "title"}, {"Rating", "average_rating"}, {"Duration", "duration_ms"}
        }) {
            WebElement header = browser.find(find("table", "Songs"), "columnheader", column[0]);
            browser.find(header, "button", column[0]).click();
            awaitTitles(apiTitles("/api/music/?page_size=10&ordering=" + column[1]));
            browser.waitFor(
                    () -> "ascending"
                            .equals(browser.find(find("table", "Songs"), "columnheader", column[0])
                                    .getAttribute("aria-sort")),
                    column[0] + " sorted ascending");
            browser.find(browser.find(find("table", "Songs"), "columnheader", column[0]), "button", column[0])
                    .click();
            awaitTitles(apiTitles("/api/music/?page_size=10&ordering=-" + column[1]));
            browser.waitFor(
                    () -> "descending"
                            .equals(browser.find(find("table", "Songs"), "columnheader", column[0])
                                    .getAttribute("aria-sort")),
                    column[0] + " sorted descending");
        }
    }

    @Test
    void typingNarrowsTheTableToRankedTypoTolerantMatchesWithHighlights() {
        open("/");
        find("searchbox", "Search titles").sendKeys("Lvoe");
        List<String> expected = apiTitles("/api/search/?q=Lvoe&page_size=10");
        assertThat(expected).as("the playlist has a title with Love").anyMatch(title -> title.contains("Love"));
        awaitTitles(expected);
        WebElement table = find("table", "Songs");
        assertThat(table.findElements(By.cssSelector("tbody th mark")))
                .extracting(WebElement::getText)
                .isNotEmpty()
                .allMatch(text -> text.equalsIgnoreCase("love"));
        assertThat(browser.url()).contains("q=Lvoe");
    }

    @Test
    void filtersGoToTheApiAndOneItRefusesShowsItsMessage() {
        open("/");
        WebElement minEnergy = find("spinbutton", "Min energy");
        minEnergy.sendKeys("0.5", Keys.ENTER);
        awaitTitles(apiTitles("/api/music/?page_size=10&min_energy=0.5"));
        find("spinbutton", "Max tempo").sendKeys("120", Keys.TAB);
        awaitTitles(apiTitles("/api/music/?page_size=10&min_energy=0.5&max_tempo=120"));
        assertThat(browser.url()).contains("min_energy=0.5").contains("max_tempo=120");
        for (String name : List.of("Max energy", "Min tempo", "Min danceability", "Max danceability")) {
            find("spinbutton", name);
        }

        open("/?min_energy=abc");
        WebElement alert = find("alert", "Enter a number");
        assertThat(alert.getText()).contains("min_energy").contains("Enter a number.");
        assertThat(shownTitles()).as("no table of songs for a refused filter").isEmpty();
    }

    @Test
    void theLocationHoldsTheViewForReloadAndBack() {
        open("/");
        find("spinbutton", "Min energy").sendKeys("0.3", Keys.ENTER);
        awaitTitles(apiTitles("/api/music/?page_size=10&min_energy=0.3"));
        browser.find(browser.find(find("table", "Songs"), "columnheader", "Tempo"), "button", "Tempo")
                .click();
        awaitTitles(apiTitles("/api/music/?page_size=10&min_energy=0.3&ordering=tempo"));
        new Select(find("combobox", "Rows per page")).selectByVisibleText("25");
        find("button", "Next page").click();
        List<String> view = apiTitles("/api/music/?page_size=25&min_energy=0.3&ordering=tempo&page=2");
        awaitTitles(view);

        browser.driver().navigate().refresh();
        awaitTitles(view);
        assertThat(find("spinbutton", "Min energy").getAttribute("value")).isEqualTo("0.3");
        assertThat(browser.find(find("table", "Songs"), "columnheader", "Tempo").getAttribute("aria-sort"))
                .isEqualTo("ascending");
        pageText("Page 2 of");

        browser.driver().navigate().back();
        awaitTitles(apiTitles("/api/music/?page_size=25&min_energy=0.3&ordering=tempo"));
        browser.driver().navigate().back();
        awaitTitles(apiTitles("/api/music/?page_size=10&min_energy=0.3&ordering=tempo"));
        browser.driver().navigate().forward();
        awaitTitles(apiTitles("/api/music/?page_size=25&min_energy=0.3&ordering=tempo"));
    }

    @Test
    void anUnknownViewInTheLocationShowsTheCatalog() {
        for (String view : List.of("nonsense", "constructor", "__proto__", "")) {
            open("/?view=" + view);
            awaitTitles(apiTitles("/api/music/?page_size=10"));
        }
    }

    @Test
    void aPageSizeTheSelectorDoesNotOfferCountsAsTheApiTakesIt() {
        for (String[] size :
                new String[][] {{"7", "7", "Page 1 of 15"}, {"abc", "25", "Page 1 of 4"}, {"500", "100", "Page 1 of 1"}
                }) {
            open("/?page_size=" + size[0]);
            awaitTitles(apiTitles("/api/music/?page_size=" + size[0]));
            pageText(size[2]);
            assertThat(new Select(find("combobox", "Rows per page"))
                            .getFirstSelectedOption()
                            .getText())
                    .isEqualTo(size[1]);
        }
    }

    @Test
    void downloadCsvSavesEveryMatchOfTheFilteredSortedView() throws Exception {
        open("/?min_energy=0.4&ordering=-tempo");
        awaitTitles(apiTitles("/api/music/?page_size=10&min_energy=0.4&ordering=-tempo"));
        find("link", "Download CSV").click();
        Path file = downloaded("music.csv");
        browser.waitFor(() -> Files.exists(file), "the download of music.csv");
        Api.Response export = api().get("/api/export/music.csv?min_energy=0.4&ordering=-tempo");
        long matches =
                api().get("/api/music/?min_energy=0.4").json().get("count").asLong();
        String csv = browser.waitFor(
                () -> {
                    try {
                        String text = Files.readString(file, StandardCharsets.UTF_8);
                        return text.equals(export.body()) ? text : null;
                    } catch (java.io.IOException e) {
                        return null;
                    }
                },
                "the downloaded file to hold the export");
        assertThat(csv.lines().count())
                .as("a header and every match, not a page")
                .isEqualTo(matches + 1);
        assertThat(matches).isGreaterThan(10);
    }

    @Test
    void aTitleOpensTheSongWithEveryFeatureByName() {
        open("/?ordering=title");
        JsonNode song = api().get("/api/music/?page_size=1&ordering=title")
                .json()
                .get("results")
                .get(0);
        String title = song.get("title").asText();
        find("button", title).click();
        WebElement dialog = find("dialog", title);
        assertThat(browser.find(dialog, "heading", title).getText()).isEqualTo(title);
        List<String> labels = dialog.findElements(By.cssSelector("dt")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(labels)
                .contains(
                        "Danceability",
                        "Energy",
                        "Key",
                        "Loudness",
                        "Mode",
                        "Acousticness",
                        "Instrumentalness",
                        "Liveness",
                        "Valence",
                        "Tempo",
                        "Duration",
                        "Time signature");
        long ms = song.get("duration_ms").asLong();
        String duration = (ms + 500) / 1000 / 60 + ":" + String.format("%02d", (ms + 500) / 1000 % 60);
        assertThat(dialog.getText()).contains(duration);
        WebElement stars = browser.find(dialog, "radiogroup", "Rate " + title);
        for (String radio : List.of("1 star", "2 stars", "3 stars", "4 stars", "5 stars")) {
            browser.find(stars, "radio", radio);
        }
    }

    @Test
    void aSongsDetailListsTheSongsThatSoundLikeItEachOpeningItsOwn() throws Exception {
        JsonNode song = api().get("/api/music/?page_size=1&ordering=title")
                .json()
                .get("results")
                .get(0);
        String title = song.get("title").asText();
        JsonNode similar = api().get("/api/songs/" + song.get("spotify_id").asText() + "/similar/?limit=5")
                .json()
                .get("results");
        open("/?ordering=title");
        find("button", title).click();
        WebElement list = browser.find(find("dialog", title), "list", "Similar songs");
        browser.waitFor(() -> list.findElements(By.tagName("li")).size() == similar.size(), "five similar songs");
        List<WebElement> entries = list.findElements(By.tagName("li"));
        for (int i = 0; i < similar.size(); i++) {
            JsonNode near = similar.get(i);
            List<String> closest = new java.util.ArrayList<>();
            near.get("closest_in").forEach(feature -> closest.add(feature.asText()));
            assertThat(entries.get(i).getText())
                    .isEqualTo(near.get("title").asText() + " — close in " + String.join(", ", closest));
        }
        screenshot("similar-1280x800");
        String next = similar.get(0).get("title").asText();
        browser.find(entries.get(0), "link", next).click();
        WebElement detail = find("dialog", next);
        assertThat(browser.find(detail, "heading", next).getText()).isEqualTo(next);
    }

    @Test
    void theChartsDrawTheWholeFilteredCatalog() {
        open("/?min_energy=0.3");
        JsonNode statistics = api().get("/api/statistics/?min_energy=0.3").json();
        long count = statistics.get("count").asLong();
        assertThat(count).as("more matches than a page").isGreaterThan(10);
        for (String caption : List.of("Danceability", "Duration", "Acousticness", "Tempo")) {
            WebElement figure = find("figure", caption);
            assertThat(figure.findElement(By.tagName("figcaption")).getText()).contains(caption);
            browser.waitFor(
                    () -> !figure.findElements(By.cssSelector("svg circle, svg rect"))
                            .isEmpty(),
                    "the " + caption + " chart drawn");
        }
        assertThat(find("figure", "Danceability").findElements(By.cssSelector("svg circle")))
                .as("one dot per song of the sample")
                .hasSize(statistics.get("scatter").get("points").size());
        assertThat(find("figure", "Duration").findElements(By.cssSelector("svg rect")))
                .hasSize(statistics.get("duration_ms").size());
        for (String caption : List.of("Duration", "Acousticness", "Tempo")) {
            assertThat(find("figure", caption).findElement(By.tagName("svg")).getAttribute("aria-label"))
                    .as("the %s chart counts every match", caption)
                    .contains("of " + count + " songs");
        }
    }

    @Test
    void theServiceAwayShowsAnAlertAndThePageRecoversByItself() {
        open("/");
        awaitTitles(apiTitles("/api/music/?page_size=10"));
        browser.offline(true);
        find("button", "Next page").click();
        assertThat(find("alert", "cannot be reached").getText()).contains("The service cannot be reached");
        browser.offline(false);
        awaitTitles(apiTitles("/api/music/?page_size=10&page=2"));
        browser.waitFor(
                () -> browser.all(browser.driver(), "alert", "cannot be reached")
                        .isEmpty(),
                "the alert to go");
    }

    @Test
    void aPhoneSizedScreenNeverScrollsSideways() throws Exception {
        assertThat(browser.script("return document.querySelector('meta[name=viewport]').content"))
                .asString()
                .contains("width=device-width");
        browser.viewport(390, 844);
        open("/");
        awaitTitles(apiTitles("/api/music/?page_size=10"));
        assertNoSidewaysScroll("the catalog");
        find("figure", "Tempo");
        screenshot("catalog-390x844");
        String title = shownTitles().get(0);
        find("button", title).click();
        find("dialog", title);
        assertNoSidewaysScroll("a song's details");
    }

    @Test
    void screenshotsOfTheDesktopPage() throws Exception {
        open("/");
        find("searchbox", "Search titles").sendKeys("lvoe");
        awaitTitles(apiTitles("/api/search/?q=lvoe&page_size=10"));
        screenshot("search-1280x800");
        open("/?ordering=-danceability");
        awaitTitles(apiTitles("/api/music/?page_size=10&ordering=-danceability"));
        browser.waitFor(
                () -> !find("figure", "Tempo")
                        .findElements(By.cssSelector("rect"))
                        .isEmpty(),
                "charts");
        screenshot("catalog-1280x800");
        browser.script("document.querySelector('section.charts').scrollIntoView()");
        screenshot("charts-1280x800");
    }

    private void assertNoSidewaysScroll(String what) {
        Object widths =
                browser.script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
                        + " document.body.scrollWidth]");
        @SuppressWarnings("unchecked")
        List<Number> values = (List<Number>) widths;
        assertThat(values.get(0).longValue())
                .as("%s: the page's width %s within the screen's %s", what, values.get(0), values.get(1))
                .isLessThanOrEqualTo(values.get(1).longValue());
        assertThat(values.get(2).longValue()).isLessThanOrEqualTo(values.get(1).longValue());
    }

    private void pageText(String text) {
        browser.waitFor(() -> find("navigation", "Pagination").getText().contains(text), "the pager to say " + text);
    }
}
