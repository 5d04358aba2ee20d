package dev.music.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.support.Api;
import dev.music.app.support.BrowserTest;
import dev.music.app.support.FailingSongs;
import dev.music.command.account.Role;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.context.annotation.Import;

/**
 * The page's account, rating, live, Operations and Audit parts in Chromium: signing in and
 * registering, rating with the new average shown at once, figures that follow other users'
 * ratings, the projection's rebuild and dead letters for admins, a song's history for auditors.
 */
@Import(FailingSongs.class)
class SignedInPageTest extends BrowserTest {

    private static final String PASSWORD = "correct horse battery";

    @BeforeEach
    void catalog() throws Exception {
        importProjectPlaylistOnce();
        FailingSongs.SONGS.clear();
    }

    private String account(Role role) {
        String username =
                role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(accounts.register(username, PASSWORD, role).problems()).isEmpty();
        return username;
    }

    @Test
    void signingInShowsTheNameAndAWrongPasswordSaysWhy() {
        String username = account(Role.USER);
        open("/");
        find("button", "Sign in").click();
        WebElement dialog = find("dialog", "Sign in");
        browser.find(dialog, "textbox", "Username").sendKeys(username);
        browser.find(dialog, "textbox", "Password").sendKeys("not the password");
        browser.find(dialog, "button", "Sign in").click();
        assertThat(browser.find(dialog, "alert", "No active account").getText())
                .isEqualTo("No active account found with the given credentials");
        browser.find(dialog, "button", "Cancel").click();

        signInThroughPage(username, PASSWORD);
        assertThat(browser.driver().findElement(By.cssSelector("header")).getText())
                .contains("Signed in as " + username);
        assertThat(browser.all(browser.driver(), "link", "Operations"))
                .as("not an admin's")
                .isEmpty();
        open("/?view=operations");
        assertThat(browser.driver().findElement(By.id("main")).getText()).contains("Sign in as an administrator");

        find("button", "Sign out").click();
        find("button", "Sign in");
    }

    @Test
    void anAnonymousStarAsksToSignInThenTheRatingShowsTheNewAverageAtOnce() {
        JsonNode song = unratedSong();
        String title = song.get("title").asText();
        open("/?ordering=title&page_size=100");
        find("button", title).click();
        WebElement detail = find("dialog", title);
        WebElement stars = browser.find(detail, "radiogroup", "Rate " + title);
        browser.find(stars, "radio", "4 stars").click();

        WebElement signIn = find("dialog", "Sign in");
        assertThat(signIn.getText()).contains("Sign in to rate");
        String username = "newcomer-" + UUID.randomUUID().toString().substring(0, 8);
        browser.find(signIn, "textbox", "Username").sendKeys(username);
        browser.find(signIn, "textbox", "Password").sendKeys(PASSWORD);
        browser.find(signIn, "button", "Register").click();

        browser.find(detail, "status", "You rated it 4 stars");
        JsonNode rated =
                api().get("/api/songs/" + song.get("spotify_id").asText() + "/").json();
        assertThat(rated.get("total_ratings").asLong()).isEqualTo(1);
        assertThat(detail.getText()).contains("Average 4 from 1 rating");
        assertThat(browser.find(stars, "radio", "4 stars").isSelected()).isTrue();
        browser.find(stars, "radio", "2 stars").click();
        browser.find(detail, "status", "You rated it 2 stars");
        assertThat(detail.getText()).as("a re-rating replaces the score").contains("Average 2 from 1 rating");
        browser.find(detail, "button", "Close").click();
        WebElement row = rowOf(title);
        assertThat(row.findElement(By.cssSelector("td.rating")).getText())
                .as("the table, without a reload")
                .endsWith(" 2");
        assertThat(row.findElement(By.cssSelector("td.total")).getText()).isEqualTo("1");
        assertThat(browser.driver().findElement(By.cssSelector("header")).getText())
                .contains("Signed in as " + username);
    }

    @Test
    void forYouListsTheRecommendationsAndFollowsAFiveStarRatingWithoutAReload() throws Exception {
        String username = account(Role.USER);
        long id = jdbc.queryForObject("select id from accounts where username = ?", Long.class, username);
        Api listener = api().bearer(tokens.access(id));
        open("/");
        assertThat(browser.all(browser.driver(), "link", "For you"))
                .as("signed out")
                .isEmpty();
        signInThroughPage(username, PASSWORD);
        find("link", "For you").click();
        find("heading", "For you");
        WebElement list = find("list", "Songs for you");
        List<String> mostRated =
                titles(listener.get("/api/me/recommendations/?limit=20").json());
        browser.waitFor(() -> entryTitles(list).equals(mostRated), "the most rated songs");
        assertThat(list.getText()).contains("one of the most rated").doesNotContain("because you liked");

        String favourite = mostRated.get(0);
        browser.find(list, "button", favourite).click();
        WebElement detail = find("dialog", favourite);
        browser.find(browser.find(detail, "radiogroup", "Rate " + favourite), "radio", "5 stars")
                .click();
        browser.find(detail, "status", "You rated it 5 stars");
        browser.find(detail, "button", "Close").click();

        WebElement updated = find("list", "Songs for you");
        browser.waitFor(() -> updated.getText().contains("because you liked " + favourite), "the new favourite");
        List<String> forYou =
                titles(listener.get("/api/me/recommendations/?limit=20").json());
        browser.waitFor(() -> entryTitles(updated).equals(forYou), "the songs near the favourite");
        assertThat(forYou).doesNotContain(favourite);
        screenshot("for-you-1280x800");
        assertThat(browser.url()).contains("view=for-you");
    }

    private static List<String> titles(JsonNode answer) {
        List<String> titles = new java.util.ArrayList<>();
        answer.get("results").forEach(song -> titles.add(song.get("title").asText()));
        return titles;
    }

    private List<String> entryTitles(WebElement list) {
        return list.findElements(By.cssSelector("li button")).stream()
                .map(WebElement::getText)
                .toList();
    }

    @Test
    void theTablesFiguresFollowOtherUsersRatingsLive() throws Exception {
        open("/?ordering=title");
        List<String> titles = shownTitles();
        String title = titles.get(titles.size() - 1);
        long id = jdbc.queryForObject("select id from songs where title = ? order by id limit 1", Long.class, title);
        long before = jdbc.queryForObject("select total_ratings from songs where id = ?", Long.class, id);
        Api.Response rated = signedIn(Role.USER).post("/api/rating/", "{\"music\": " + id + ", \"score\": 5}");
        assertThat(rated.status()).isEqualTo(201);
        awaitProjection();
        long after = before + 1;
        browser.waitFor(
                () -> rowOf(title)
                        .findElement(By.cssSelector("td.total"))
                        .getText()
                        .equals(Long.toString(after)),
                "the row of " + title + " to show " + after + " ratings");
    }

    @Test
    void operationsShowTheProjectionRebuildItWithProgressAndRetryItsDeadLetters() throws Exception {
        long failing = jdbc.queryForObject("select id from songs order by id limit 1", Long.class);
        FailingSongs.SONGS.add(failing);
        assertThat(signedIn(Role.USER)
                        .post("/api/rating/", "{\"music\": " + failing + ", \"score\": 3}")
                        .status())
                .isEqualTo(201);
        awaitProjection();

        open("/");
        signInThroughPage(account(Role.ADMIN), PASSWORD);
        find("link", "Operations").click();
        WebElement section = find("heading", "Projection songs").findElement(By.xpath("./.."));
        browser.waitFor(() -> section.getText().contains("State"), "the projection's status");
        assertThat(section.getText()).contains("Position").contains("Lag").contains("Head of the event store");
        browser.waitFor(() -> section.getText().contains("1 parked event"), "the parked event");

        FailingSongs.SONGS.clear();
        browser.find(section, "button", "Retry").click();
        browser.find(section, "status", "1 applied again");
        browser.waitFor(() -> section.getText().contains("No parked events."), "the dead letters to go");

        browser.find(section, "button", "Rebuild").click();
        WebElement progress = browser.find(section, "progressbar", "Rebuild of songs");
        browser.waitFor(() -> "100".equals(progress.getAttribute("value")), "the rebuild's progress to reach 100");
        browser.waitFor(() -> section.getText().contains("Rebuild done"), "the rebuild to be done");
        screenshot("operations-1280x800");
        assertProjectionEqualsEventStore();
    }

    @Test
    void auditShowsASongsRatingHistoryAndItsAverageOverTime() throws Exception {
        JsonNode song = unratedSong();
        long id = song.get("id").asLong();
        Api first = signedIn(Role.USER);
        Api second = signedIn(Role.USER);
        for (var rating : List.of(List.of(first, 5), List.of(second, 2), List.of(first, 3))) {
            Api user = (Api) rating.get(0);
            assertThat(user.post("/api/rating/", "{\"music\": " + id + ", \"score\": " + rating.get(1) + "}")
                            .status())
                    .isEqualTo(201);
        }
        awaitProjection();

        open("/");
        signInThroughPage(account(Role.AUDITOR), PASSWORD);
        find("link", "Audit").click();
        find("textbox", "Song").sendKeys(song.get("title").asText());
        find("button", "Show history").click();
        WebElement history = find("table", "Rating history");
        browser.waitFor(() -> history.findElements(By.cssSelector("tbody tr")).size() == 3, "three rating events");
        List<String> stars = history.findElements(By.cssSelector("tbody tr td:nth-child(3)")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(stars).containsExactly("5", "2", "3");
        WebElement chart = find("figure", "Average rating over time");
        assertThat(chart.findElements(By.cssSelector("svg path"))).hasSize(1);
        assertThat(browser.driver().findElement(By.id("main")).getText())
                .contains("3 rating events by 2 users; average now 2.5");
        assertThat(browser.url()).contains("view=audit");
        screenshot("audit-1280x800");
    }

    private JsonNode unratedSong() {
        for (JsonNode song : api().get("/api/music/?ordering=total_ratings,title&page_size=100")
                .json()
                .get("results")) {
            if (song.get("total_ratings").asLong() == 0
                    && jdbc.queryForObject(
                                    "select count(*) from songs where title = ?",
                                    Long.class,
                                    song.get("title").asText())
                            == 1) {
                return song;
            }
        }
        throw new AssertionError("no unrated song left");
    }

    private WebElement rowOf(String title) {
        return find("button", title).findElement(By.xpath("./ancestor::tr"));
    }
}
