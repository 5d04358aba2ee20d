package dev.music.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.support.Api;
import dev.music.app.support.CatalogFiles;
import dev.music.app.support.IntegrationTest;
import dev.music.command.account.Role;
import dev.music.query.paging.PageRequest;
import dev.music.query.search.RankedSearch;
import dev.music.query.song.CatalogCounts;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/search/ on real PostgreSQL, over HTTP: every matching rule (each kind of typo, the
 * budget's edges, accents, the prefix, several words), the ranking, exact counts, pages, the
 * suggestion and bad input.
 */
class RankedSearchTest extends IntegrationTest {

    private static final List<String> TITLES = List.of(
            "The Beatles",
            "Beatles Forever",
            "Love Story",
            "Lovely Day",
            "Beyoncé",
            "Niño Bonito",
            "Midnight City",
            "Yesterday",
            "Don't Stop Me Now",
            "Love",
            "Symphony Orchestra",
            "Love Me Do",
            "Dove Song",
            "Rock & <Roll>");

    @BeforeEach
    void catalog() throws Exception {
        if (progress.head() == 0) {
            importCatalog(CatalogFiles.withTitles(TITLES));
            Api user = signedIn(Role.USER);
            Api.Response rated = user.post("/api/rating/", "{\"music\": " + id("Love Me Do") + ", \"score\": 4}");
            assertThat(rated.status()).isEqualTo(201);
            awaitProjection();
        }
    }

    private long id(String title) {
        return jdbc.queryForObject("select id from songs where title = ?", Long.class, title);
    }

    private JsonNode search(String query) {
        Api.Response response = api().get("/api/search/?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(response.status()).as("%s: %s", query, response.body()).isEqualTo(200);
        return response.json();
    }

    private List<String> titles(String query) {
        JsonNode page = search(query);
        List<String> titles = new ArrayList<>();
        page.get("results").forEach(hit -> titles.add(hit.get("title").asText()));
        assertThat(page.get("count").asLong())
                .as("the exact count of %s", query)
                .isEqualTo(titles.size());
        return titles;
    }

    @Test
    void eachKindOfTypoWithinTheBudgetFindsTheTitle() {
        assertThat(titles("beatels")).as("a transposition").containsExactly("The Beatles", "Beatles Forever");
        assertThat(titles("lvoe story")).as("a transposition, two words").containsExactly("Love Story");
        assertThat(titles("citi")).as("a substitution").containsExactly("Midnight City");
        assertThat(titles("yesterdy")).as("a deletion").containsExactly("Yesterday");
        assertThat(titles("lovee")).as("an insertion").containsExactly("Love Me Do", "Love Story", "Love");
        assertThat(titles("smyhpony")).as("two typos in eight letters").containsExactly("Symphony Orchestra");
        assertThat(titles("orkestra")).as("two typos in nine letters").containsExactly("Symphony Orchestra");
    }

    @Test
    void theBudgetsEdgesHold() {
        assertThat(titles("dya")).as("three letters, no typo").isEmpty();
        assertThat(titles("day")).as("not a prefix of yesterday").containsExactly("Lovely Day");
        assertThat(titles("lxoe")).as("two typos in four letters").isEmpty();
        assertThat(titles("froevr")).as("two typos in seven letters").isEmpty();
        assertThat(titles("forevr")).as("one typo in seven").containsExactly("Beatles Forever");
        assertThat(titles("smyhpnoy")).as("three typos in eight letters").isEmpty();
    }

    @Test
    void accentsAndCaseAreFolded() {
        assertThat(titles("beyonce")).containsExactly("Beyoncé");
        assertThat(titles("BEYONCÉ")).containsExactly("Beyoncé");
        assertThat(titles("nino")).containsExactly("Niño Bonito");
        assertThat(search("beyonce").get("results").get(0).get("highlight").asText())
                .isEqualTo("<mark>Beyoncé</mark>");
    }

    @Test
    void onlyTheLastWordIsAPrefix() {
        JsonNode midnight = search("midn");
        assertThat(midnight.get("count").asLong()).isEqualTo(1);
        assertThat(midnight.get("results").get(0).get("highlight").asText()).isEqualTo("<mark>Midn</mark>ight City");
        assertThat(titles("midn city")).as("not the last word: no prefix").isEmpty();
        assertThat(titles("city midn")).containsExactly("Midnight City");
        assertThat(titles("stop me n")).containsExactly("Don't Stop Me Now");
    }

    @Test
    void theRankingIsWholeTitleThenTyposThenPrefixThenRatingsThenId() {
        JsonNode page = search("love");
        List<String> titles = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        page.get("results").forEach(hit -> {
            titles.add(hit.get("title").asText());
            scores.add(hit.get("score").asDouble());
        });
        assertThat(titles)
                .containsExactly(
                        "Love", // the whole title
                        "Love Me Do", // an exact word, rated
                        "Love Story", // an exact word, not rated
                        "Lovely Day", // a prefix
                        "Dove Song"); // a typo
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(scores.get(0)).isGreaterThan(scores.get(1));
        assertThat(scores.get(1)).isEqualTo(scores.get(2));
        assertThat(scores.get(2)).isGreaterThan(scores.get(3));
        assertThat(scores.get(3)).isGreaterThan(scores.get(4));
        assertThat(titles("love story")).as("two words, the whole title first").containsExactly("Love Story");
        JsonNode hit = page.get("results").get(1);
        assertThat(hit.get("id").asLong()).isEqualTo(id("Love Me Do"));
        assertThat(hit.get("total_ratings").asLong()).isEqualTo(1);
        assertThat(hit.has("danceability")).as("the song's representation").isTrue();
        assertThat(hit.get("highlight").asText()).isEqualTo("<mark>Love</mark> Me Do");
    }

    @Test
    void pagesFollowTheRankingWithoutRepeatsAndCountsAreExact() {
        List<String> all = titles("love");
        List<String> paged = new ArrayList<>();
        String next = "/api/search/?q=love&page_size=2";
        int pages = 0;
        while (next != null) {
            JsonNode page = api().get(next.replaceFirst("^http://[^/]+", "")).json();
            assertThat(page.get("count").asLong()).isEqualTo(all.size());
            page.get("results").forEach(hit -> paged.add(hit.get("title").asText()));
            next = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        }
        assertThat(paged).isEqualTo(all);
        assertThat(pages).isEqualTo(3);
        assertThat(api().get("/api/search/?q=love&page_size=2&page=last")
                        .json()
                        .get("results")
                        .get(0)
                        .get("title")
                        .asText())
                .isEqualTo("Dove Song");
        assertThat(api().get("/api/search/?q=love&page=9").status()).isEqualTo(404);
        JsonNode rated = api().get("/api/search/?q=love&min_total_ratings=1").json();
        assertThat(rated.get("count").asLong()).as("a filter as on /api/music/").isEqualTo(1);
    }

    /**
     * Whether a group's page comes from a walk of the rankings or from its songs collected and
     * sorted, from remembered counts or counted anew, and with every query ranked in one
     * statement, the pages are the same.
     */
    @Test
    void everyPlanGivesTheSamePages() {
        List<String> queries = List.of("love", "lovee", "beatels", "love story", "stop me n", "midn", "day", "s");
        List<RankedSearch> plans = List.of(
                new RankedSearch(jdbc, new CatalogCounts(0), 50_000),
                new RankedSearch(jdbc, new CatalogCounts(100), 0),
                new RankedSearch(jdbc, new CatalogCounts(100), 50_000));
        for (String query : queries) {
            List<List<String>> pages = new ArrayList<>();
            for (RankedSearch plan : plans) {
                for (int run = 0; run < 2; run++) {
                    List<String> titles = new ArrayList<>();
                    for (int page = 1; page <= 4; page++) {
                        RankedSearch.Page found =
                                plan.search(query, List.of(), new PageRequest(Integer.toString(page), 2));
                        found.hits().forEach(hit -> titles.add(hit.song().title() + " " + hit.score()));
                    }
                    pages.add(titles);
                }
            }
            assertThat(pages).as(query).allMatch(titles -> titles.equals(pages.get(0)));
            assertThat(pages.get(0)).as(query).isNotEmpty();
        }
    }

    @Test
    void nothingFoundSuggestsACorrectedQueryThatFindsSomething() {
        JsonNode page = search("lxoe");
        assertThat(page.get("count").asLong()).isZero();
        assertThat(page.get("results")).isEmpty();
        assertThat(page.get("suggestion").asText()).isEqualTo("love");
        assertThat(search("lxoe storry").get("suggestion").asText()).isEqualTo("love story");
        assertThat(search("qqqqzzzzkkkk").get("suggestion").isNull()).isTrue();
        assertThat(search("beatles").get("suggestion").isNull())
                .as("found: nothing to suggest")
                .isTrue();
    }

    @Test
    void aCorrectedTitleIsFoundByItsNewWords() throws InterruptedException {
        Api admin = signedIn(Role.ADMIN);
        String spotifyId = jdbc.queryForObject("select spotify_id from songs where title = 'Yesterday'", String.class);
        Api.Response corrected =
                admin.send("PUT", "/api/admin/songs/" + spotifyId + "/", "{\"title\": \"Quxbar Tomorrow\"}");
        assertThat(corrected.status()).isEqualTo(200);
        JsonNode page = api().with("X-Consistency-Token", corrected.header("X-Consistency-Token"))
                .get("/api/search/?q=quxbr")
                .json();
        assertThat(page.get("count").asLong()).isEqualTo(1);
        assertThat(titles("yesterday")).isEmpty();
        admin.send("PUT", "/api/admin/songs/" + spotifyId + "/", "{\"title\": \"Yesterday\"}");
        awaitProjection();
    }

    @Test
    void openApiDescribesTheRoute() {
        JsonNode route = api().get("/v3/api-docs")
                .json()
                .get("paths")
                .get("/api/search/")
                .get("get");
        assertThat(route.get("description").asText()).contains("typo");
        JsonNode q = null;
        for (JsonNode parameter : route.get("parameters")) {
            if (parameter.get("name").asText().equals("q")) {
                q = parameter;
            }
        }
        assertThat(q).as("the q parameter").isNotNull();
        assertThat(q.get("required").asBoolean()).isTrue();
        assertThat(q.get("schema").get("maxLength").asInt()).isEqualTo(200);
    }

    @Test
    void badInputIsRefusedAndOddCharactersAreJustCharacters() {
        for (String query : List.of("", "q=", "q=%20%20")) {
            Api.Response response = api().get("/api/search/?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.header("Content-Type")).contains("application/problem+json");
            assertThat(response.json().get("q").get(0).asText()).isEqualTo("This field is required.");
        }
        Api.Response tooLong = api().get("/api/search/?q=" + "a".repeat(201));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("q").get(0).asText()).contains("200 characters");
        assertThat(search("é".repeat(200)).get("count").asLong())
                .as("200 characters, 400 bytes")
                .isZero();
        assertThat(api().get("/api/search/?q=love&min_energy=lots").status()).isEqualTo(400);
        long songs = jdbc.queryForObject("select count(*) from songs", Long.class);
        for (String odd : List.of("%", "_", "\\", "'", "\"", "'; drop table songs; --", "rock & <roll>")) {
            JsonNode page = search(odd);
            assertThat(page.get("count").asLong()).as(odd).isLessThanOrEqualTo(1);
        }
        assertThat(titles("rock & <roll>")).containsExactly("Rock & <Roll>");
        assertThat(titles("%love_")).isEqualTo(titles("love"));
        assertThat(search("rock").get("results").get(0).get("highlight").asText())
                .isEqualTo("<mark>Rock</mark> &amp; &lt;Roll&gt;");
        assertThat(jdbc.queryForObject("select count(*) from songs", Long.class))
                .isEqualTo(songs);
    }
}
