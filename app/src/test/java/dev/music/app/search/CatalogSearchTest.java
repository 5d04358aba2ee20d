package dev.music.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.support.Api;
import dev.music.app.support.CatalogFiles;
import dev.music.app.support.IntegrationTest;
import dev.music.app.support.Paths;
import dev.music.query.paging.PageRequest;
import dev.music.query.song.SearchProperties;
import dev.music.query.song.SongFilter;
import dev.music.query.song.SongOrder;
import dev.music.query.song.SongSearch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Search, filters, ordering and pagination of /api/music/ on the project's playlist.json. */
class CatalogSearchTest extends IntegrationTest {

    private static final List<String> SONG_FIELDS = List.of(
            "id",
            "spotify_id",
            "title",
            "average_rating",
            "total_ratings",
            "danceability",
            "energy",
            "key",
            "loudness",
            "mode",
            "acousticness",
            "instrumentalness",
            "liveness",
            "valence",
            "tempo",
            "duration_ms",
            "time_signature",
            "num_bars",
            "num_sections",
            "num_segments");

    @Autowired
    private SongSearch songSearch;

    @Autowired
    private TransactionTemplate transactions;

    private List<Map<String, JsonNode>> rows;

    @BeforeEach
    void importThePlaylist() throws Exception {
        if (importer.catalogIsEmpty()) {
            importCatalog(CatalogFiles.projectPlaylist());
        }
        rows = CatalogFiles.rows(CatalogFiles.projectPlaylist());
    }

    @Test
    void songsHaveTheContractsFieldsInOrder() {
        JsonNode song =
                api().get("/api/music/?page_size=1").json().get("results").get(0);
        List<String> names = new ArrayList<>();
        song.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyElementsOf(SONG_FIELDS);
    }

    @Test
    void rangeFiltersMatchTheFile() {
        assertFilter("min_energy=0.3&max_energy=0.7", r -> value(r, "energy") >= 0.3 && value(r, "energy") <= 0.7);
        assertFilter(
                "min_tempo=100&max_tempo=150.5&min_danceability=0.4",
                r -> value(r, "tempo") >= 100 && value(r, "tempo") <= 150.5 && value(r, "danceability") >= 0.4);
        assertFilter(
                "max_loudness=-10&min_duration_ms=200000",
                r -> value(r, "loudness") <= -10 && value(r, "duration_ms") >= 200000);
        assertFilter("min_num_segments=1000&max_key=5", r -> value(r, "num_segments") >= 1000 && value(r, "key") <= 5);
    }

    @Test
    void fractionalBoundsOnWholeNumberColumnsKeepTheirMeaning() {
        assertFilter("min_key=4.5", r -> value(r, "key") >= 4.5);
        assertFilter("max_key=4.5&min_total_ratings=-0.5", r -> value(r, "key") <= 4.5);
        assertFilter(
                "min_duration_ms=199999.9&max_duration_ms=250000.1",
                r -> value(r, "duration_ms") >= 199999.9 && value(r, "duration_ms") <= 250000.1);
        assertThat(api().get("/api/music/?key=4.5").json().get("count").asInt()).isZero();
        assertThat(api().get("/api/music/?mode=1.0").json().get("count").asInt())
                .isEqualTo(
                        (int) rows.stream().filter(r -> value(r, "mode") == 1).count());
    }

    @Test
    void exactFiltersMatchTheFile() {
        JsonNode some = rows.get(30).get("energy");
        assertFilter("energy=" + some.asText(), r -> value(r, "energy") == some.asDouble());
        assertFilter("mode=1&time_signature=4", r -> value(r, "mode") == 1 && value(r, "time_signature") == 4);
        assertFilter(
                "danceability=" + rows.get(3).get("danceability").asText(),
                r -> value(r, "danceability") == rows.get(3).get("danceability").asDouble());
    }

    @Test
    void emptyFilterValuesAreIgnored() {
        assertThat(api().get("/api/music/?min_energy=&title=")
                        .json()
                        .get("count")
                        .asInt())
                .isEqualTo(rows.size());
    }

    @Test
    void titleFilterIsACaseInsensitiveSubstring() {
        assertFilter("title=space+oddity", r -> r.get("title").asText().equalsIgnoreCase("Space Oddity"));
        assertFilter("title=LOVE", r -> r.get("title").asText().toLowerCase().contains("love"));
        assertFilter("title=D%C3%A9j%C3%A0", r -> r.get("title").asText().contains("Déjà"));
    }

    @Test
    void titleFilterTakesLikeWildcardsLiterally() {
        assertFilter("title=100%25", r -> r.get("title").asText().contains("100%"));
        assertFilter("title=%25", r -> r.get("title").asText().contains("%"));
        assertThat(api().get("/api/music/?title=_").json().get("count").asInt()).isZero();
        assertThat(api().get("/api/music/?title=%5C").json().get("count").asInt())
                .isZero();
        Api.Response nul = api().get("/api/music/?title=a%00b");
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.json().get("title").get(0).asText()).isEqualTo("Null characters are not allowed.");
    }

    @Test
    void aTitleSearchIsPagedInItsOrderingAndEndsWithItsLastPage() {
        Predicate<Map<String, JsonNode>> hasE =
                r -> r.get("title").asText().toLowerCase().contains("e");
        List<Long> expected = idsOf(rows.stream()
                .filter(hasE)
                .sorted(Comparator.comparingDouble((Map<String, JsonNode> r) -> value(r, "tempo"))
                        .reversed()
                        .thenComparingLong(this::id))
                .toList());
        assertThat(allIds("title=E&ordering=-tempo")).containsExactlyElementsOf(expected);

        long pages = (expected.size() + 12) / 13;
        JsonNode last = api().get("/api/music/?title=E&ordering=-tempo&page_size=13&page=" + pages)
                .json();
        assertThat(last.get("count").asInt()).isEqualTo(expected.size());
        assertThat(last.get("next").isNull()).isTrue();
        Api.Response beyond = api().get("/api/music/?title=E&ordering=-tempo&page_size=13&page=" + (pages + 1));
        assertThat(beyond.status()).isEqualTo(404);
        assertThat(beyond.json().get("detail").asText()).isEqualTo("Invalid page.");
    }

    @Test
    void orderingFollowsTheFieldsWithTheIdAsTieBreaker() {
        List<Long> expected = idsOf(rows.stream()
                .sorted(Comparator.comparingDouble((Map<String, JsonNode> r) -> value(r, "mode"))
                        .thenComparing(Comparator.comparingDouble((Map<String, JsonNode> r) -> value(r, "tempo"))
                                .reversed())
                        .thenComparingLong(this::id))
                .toList());
        assertThat(allIds("ordering=mode,-tempo")).containsExactlyElementsOf(expected);

        List<Long> byEnergy = idsOf(rows.stream()
                .sorted(Comparator.comparingDouble((Map<String, JsonNode> r) -> value(r, "energy"))
                        .reversed()
                        .thenComparingLong(this::id))
                .toList());
        assertThat(allIds("ordering=-energy,unknown_field")).containsExactlyElementsOf(byEnergy);
    }

    @Test
    void defaultOrderingIsMostRatedThenId() {
        List<Long> ids = allIds("");
        assertThat(ids).isSorted().hasSize(rows.size());
        assertThat(allIds("ordering=nonsense")).isEqualTo(ids);
    }

    @Test
    void pagesWithManyTiesNeverOverlapOrSkip() {
        Set<Long> seen = new HashSet<>();
        String next = api().base() + "/api/music/?ordering=mode&page_size=7";
        int pages = 0;
        while (next != null) {
            JsonNode page = api().get(next.substring(api().base().length())).json();
            page.get("results")
                    .forEach(song ->
                            assertThat(seen.add(song.get("id").asLong())).isTrue());
            next = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        }
        assertThat(seen).hasSize(rows.size());
        assertThat(pages).isEqualTo((rows.size() + 6) / 7);
    }

    @Test
    void pageLinksAreAbsoluteWithSortedParameters() {
        JsonNode second = api().get("/api/music/?page_size=10&title=a&page=2").json();
        assertThat(second.get("next").asText()).isEqualTo(api().base() + "/api/music/?page=3&page_size=10&title=a");
        assertThat(second.get("previous").asText()).isEqualTo(api().base() + "/api/music/?page_size=10&title=a");
        JsonNode last = api().get("/api/music/?page=last&page_size=30").json();
        assertThat(last.get("next").isNull()).isTrue();
        assertThat(last.get("results")).hasSize(rows.size() - 90);
        assertThat(last.get("previous").asText()).isEqualTo(api().base() + "/api/music/?page=3&page_size=30");
    }

    @Test
    void pageSizeFallsBackToTheDefaultAndIsCapped() {
        assertThat(api().get("/api/music/").json().get("results")).hasSize(25);
        assertThat(api().get("/api/music/?page_size=0").json().get("results")).hasSize(25);
        assertThat(api().get("/api/music/?page_size=-4").json().get("results")).hasSize(25);
        assertThat(api().get("/api/music/?page_size=many").json().get("results"))
                .hasSize(25);
        assertThat(api().get("/api/music/?page_size=1000").json().get("results"))
                .hasSize(100);
        assertThat(api().get("/api/music/?page_size=3").json().get("results")).hasSize(3);
    }

    @Test
    void invalidPagesAreNotFound() {
        for (String page : List.of("0", "-1", "5", "abc", "1.5")) {
            Api.Response response = api().get("/api/music/?page=" + page);
            assertThat(response.status()).as("page=%s", page).isEqualTo(404);
            assertThat(response.json().get("detail").asText()).isEqualTo("Invalid page.");
        }
        assertThat(api().get("/api/music/?title=no-such-song&page=1")
                        .json()
                        .get("count")
                        .asInt())
                .isZero();
    }

    @Test
    void nonNumbersAreAnsweredInBothErrorShapes() {
        Api.Response response = api().get("/api/music/?min_energy=loud&max_tempo=1e999&energy=0.5");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("type").asText()).isEqualTo("about:blank");
        assertThat(body.get("title").asText()).isEqualTo("Bad Request");
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("detail").asText()).isEqualTo("Invalid input.");
        assertThat(body.get("min_energy").get(0).asText()).isEqualTo("Enter a number.");
        assertThat(body.get("max_tempo").get(0).asText()).isEqualTo("Enter a number.");
        assertThat(body.has("energy")).isFalse();
    }

    @Test
    void everyTitleIsReachableAndSharedTitlesAnswerTheLowestId() {
        for (Map<String, JsonNode> row : rows) {
            String title = row.get("title").asText();
            Api.Response response = api().get("/api/music/" + Paths.segment(title) + "/");
            assertThat(response.status()).as("title %s", title).isEqualTo(200);
            long firstWithTitle = rows.stream()
                    .filter(r -> r.get("title").asText().equals(title))
                    .mapToLong(this::id)
                    .min()
                    .orElseThrow();
            assertThat(response.json().get("id").asLong()).as("title %s", title).isEqualTo(firstWithTitle);
        }
        assertThat(rows.stream()
                        .filter(r -> r.get("title").asText().equals("Space Oddity"))
                        .count())
                .isEqualTo(2);
    }

    @Test
    void detailIsCaseSensitiveAndAnswersNotFound() {
        Api.Response response = api().get("/api/music/space%20oddity/");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("detail").asText()).isEqualTo("Not found.");
    }

    @Test
    void songBySpotifyId() {
        String spotifyId = rows.get(5).get("id").asText();
        JsonNode song = api().get("/api/songs/" + spotifyId + "/").json();
        assertThat(song.get("title").asText())
                .isEqualTo(rows.get(5).get("title").asText());
        assertThat(api().get("/api/songs/0000000000000000000000/").status()).isEqualTo(404);
    }

    @Test
    void pathsWithoutTheTrailingSlashAreRedirected() {
        Api.Response list = api().get("/api/music?title=a");
        assertThat(list.status()).isEqualTo(301);
        assertThat(list.header("Location")).isEqualTo("/api/music/?title=a");
        Api.Response detail = api().get("/api/music/24%2F7");
        assertThat(detail.status()).isEqualTo(301);
        assertThat(detail.header("Location")).isEqualTo("/api/music/24%2F7/");
    }

    @Test
    void otherMethodsAreNotAllowed() {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            Api.Response response = api().send(method, "/api/music/", "{}");
            assertThat(response.status()).isEqualTo(405);
            assertThat(response.json().get("detail").asText()).isEqualTo("Method \"" + method + "\" not allowed.");
        }
    }

    @Test
    void unknownRoutesAreNotFoundInTheContractsShape() {
        Api.Response response = api().get("/api/nothing-here/");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("detail").asText()).isEqualTo("Not found.");
    }

    @Test
    void malformedUrlsAreAnsweredAsProblems() {
        for (String path : List.of("/api/music/100%/", "/api/music/?title=%ZZ", "/api/music/%E0%A4%A/")) {
            Api.RawResponse response = api().rawGet(path);
            assertThat(response.status()).as(path).isBetween(400, 404);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(response.json().get("status").asInt()).isEqualTo(response.status());
        }
    }

    /**
     * The statements that cut a title search's page, counted with it (its count not yet known)
     * or apart (its count remembered), can read the matches through the trigram index.
     */
    @Test
    void theTitleFilterIsServedByTheTrigramIndex() {
        RecordedStatements recorded = new RecordedStatements(jdbc.getDataSource());
        SongSearch search =
                SongSearch.remembering(new JdbcTemplate(recorded), transactions, SearchProperties.remembering(10));
        for (String pass : List.of("counted with the page", "counted before")) {
            int before = recorded.statements().size();
            search.page(new SongFilter("Love", List.of()), List.of(SongOrder.DEFAULT), new PageRequest("1", 25));
            List<RecordedStatements.Statement> lookups =
                    recorded.statements().subList(before, recorded.statements().size()).stream()
                            .filter(statement -> statement.sql().contains("offset ?"))
                            .toList();
            assertThat(lookups).as(pass).hasSize(1);
            if (pass.equals("counted before")) {
                assertThat(recorded.statements()
                                .subList(before, recorded.statements().size()))
                        .as("the same search again does not count again")
                        .noneMatch(statement -> statement.sql().contains("count("));
            }
            for (RecordedStatements.Statement lookup : lookups) {
                // On 100 rows a sequential scan (or a whole walk of the primary key) is cheaper; with
                // both priced out the plan shows that the query, as written, can use the trigram index.
                String plan = transactions.execute(status -> {
                    jdbc.execute("set local enable_seqscan = off");
                    jdbc.execute("set local enable_indexscan = off");
                    return String.join(
                            "\n",
                            jdbc.queryForList(
                                    "explain " + lookup.sql(),
                                    String.class,
                                    lookup.args().toArray()));
                });
                assertThat(plan).as(lookup.sql()).contains("song_titles_trgm_idx");
            }
        }
    }

    @Test
    void theFilteredCatalogExportsAsCsv() {
        Api.Response csv = api().get("/api/export/music.csv?min_energy=0.5&ordering=-tempo");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("music.csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo(String.join(",", SONG_FIELDS));
        List<Long> expected = idsOf(rows.stream()
                .filter(r -> value(r, "energy") >= 0.5)
                .sorted(Comparator.comparingDouble((Map<String, JsonNode> r) -> value(r, "tempo"))
                        .reversed()
                        .thenComparingLong(this::id))
                .toList());
        assertThat(lines.subList(1, lines.size()).stream()
                        .map(l -> Long.parseLong(l.split(",")[0]))
                        .toList())
                .containsExactlyElementsOf(expected);
        String quoted = api().get("/api/export/music.csv?title=Rock")
                .body()
                .lines()
                .skip(1)
                .findFirst()
                .orElseThrow();
        assertThat(quoted).contains(",Rock & Roll / Part 2,");
        assertThat(api().get("/api/export/music.csv?min_tempo=fast").status()).isEqualTo(400);
    }

    @Test
    void theApiIsDescribedByOpenApi() {
        Api.Response docs = api().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/music/")).isTrue();
        assertThat(docs.json().get("paths").has("/api/music/{title}/")).isTrue();
        assertThat(api().get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    private void assertFilter(String query, Predicate<Map<String, JsonNode>> expected) {
        List<Long> expectedIds = idsOf(rows.stream().filter(expected).toList());
        JsonNode page =
                api().get("/api/music/?page_size=100&ordering=id&" + query).json();
        assertThat(page.get("count").asInt()).as(query).isEqualTo(expectedIds.size());
        assertThat(allIds("ordering=id&" + query)).as(query).containsExactlyElementsOf(expectedIds);
    }

    /** The ids of every page of a query, following the next links. */
    private List<Long> allIds(String query) {
        List<Long> ids = new ArrayList<>();
        String path = "/api/music/?page_size=13" + (query.isEmpty() ? "" : "&" + query);
        while (path != null) {
            JsonNode page = api().get(path).json();
            page.get("results").forEach(song -> ids.add(song.get("id").asLong()));
            path = page.get("next").isNull()
                    ? null
                    : page.get("next").asText().substring(api().base().length());
        }
        return ids;
    }

    private List<Long> idsOf(List<Map<String, JsonNode>> selected) {
        return selected.stream().map(this::id).toList();
    }

    /** On a fresh catalog the numeric id is the row's position in the file, from 1. */
    private long id(Map<String, JsonNode> row) {
        return rows.indexOf(row) + 1;
    }

    private static double value(Map<String, JsonNode> row, String column) {
        return row.get(column).asDouble();
    }
}
