package dev.music.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.events.AudioFeature;
import dev.music.events.AudioFeatures;
import dev.music.events.RatingSubmitted;
import dev.music.events.SongAddedToCatalog;
import dev.music.events.SpotifyId;
import dev.music.events.Stars;
import dev.music.query.paging.PageRequest;
import dev.music.query.song.CatalogCounts;
import dev.music.query.song.SearchProperties;
import dev.music.query.song.SongBatchWriter;
import dev.music.query.song.SongEventBatch;
import dev.music.query.song.SongFilter;
import dev.music.query.song.SongFilter.Condition;
import dev.music.query.song.SongFilter.Operator;
import dev.music.query.song.SongOrder;
import dev.music.query.song.SongRow;
import dev.music.query.song.SongSearch;
import dev.music.query.song.SongTables;
import dev.music.query.support.ReadModelDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The list's title search and ranked search on PostgreSQL, through their classes alone (no HTTP):
 * a catalog of six songs written as the projectors write it, then what each search finds, in which
 * order and on which page.
 */
class CatalogSearchesTest {

    private static final long LOVE_STORY = 1;
    private static final long LOVER = 2;
    private static final long DOVE_SONG = 3;
    private static final long HELLO = 4;
    private static final long LOVE = 5;
    private static final long GLOVE_LOVE = 6;

    private static ReadModelDatabase database;
    private static SongSearch songs;
    private static RankedSearch ranked;

    @BeforeAll
    static void catalogOfSixSongs() {
        database = ReadModelDatabase.create();
        SongEventBatch batch = new SongEventBatch();
        batch.apply(song(LOVE_STORY, "Love Story", 120));
        batch.apply(song(LOVER, "Lover", 90));
        batch.apply(song(DOVE_SONG, "Dove Song", 150));
        batch.apply(song(HELLO, "Hello", 100));
        batch.apply(song(LOVE, "Love", 60));
        batch.apply(song(GLOVE_LOVE, "Glove Love", 130));
        long user = 1;
        for (long[] rating : new long[][] {
            {LOVE_STORY, 5},
            {LOVE_STORY, 4},
            {LOVE_STORY, 3},
            {LOVER, 2},
            {DOVE_SONG, 5},
            {DOVE_SONG, 5},
            {HELLO, 4},
            {GLOVE_LOVE, 1}
        }) {
            batch.apply(new RatingSubmitted(
                    rating[0], user++, Stars.of((int) rating[1]), null, Instant.parse("2024-05-01T10:15:30Z")));
        }
        new SongBatchWriter(database.jdbc(), SongTables.SERVING).write(batch);
        songs = SongSearch.remembering(database.jdbc(), database.transactions(), SearchProperties.remembering(100));
        ranked = new RankedSearch(database.jdbc(), new CatalogCounts(100), 50_000);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void aPartOfATitleFindsEveryTitleHoldingItMostRatedFirst() {
        SongSearch.Page page = list("ove", List.of(), List.of(SongOrder.DEFAULT), "1", 25);

        assertThat(page.count()).isEqualTo(5);
        assertThat(ids(page)).containsExactly(LOVE_STORY, DOVE_SONG, LOVER, GLOVE_LOVE, LOVE);
        assertThat(ids(list("OVE", List.of(), List.of(SongOrder.DEFAULT), "1", 25)))
                .as("case-insensitive")
                .containsExactly(LOVE_STORY, DOVE_SONG, LOVER, GLOVE_LOVE, LOVE);
    }

    @Test
    void filtersKeepOnlyTheSongsWithinTheirBounds() {
        List<Condition> rated = List.of(new Condition("total_ratings", Operator.AT_LEAST, 2));
        assertThat(ids(list("ove", rated, List.of(SongOrder.DEFAULT), "1", 25))).containsExactly(LOVE_STORY, DOVE_SONG);

        String tempo = AudioFeature.TEMPO.column();
        List<Condition> between =
                List.of(new Condition(tempo, Operator.AT_LEAST, 100), new Condition(tempo, Operator.AT_MOST, 140));
        SongSearch.Page page = list("ove", between, List.of(SongOrder.DEFAULT), "1", 25);
        assertThat(page.count()).isEqualTo(2);
        assertThat(ids(page)).containsExactly(LOVE_STORY, GLOVE_LOVE);

        assertThat(list(null, List.of(new Condition("average_rating", Operator.EQUALS, 4)), List.of(), "1", 25)
                        .rows())
                .extracting(SongRow::title)
                .containsExactly("Love Story", "Hello");
    }

    @Test
    void theOrderingDecidesAndTheIdBreaksTies() {
        List<Condition> fast = List.of(new Condition(AudioFeature.TEMPO.column(), Operator.AT_LEAST, 100));
        assertThat(list("ove", fast, List.of(new SongOrder("title", false)), "1", 25)
                        .rows())
                .extracting(SongRow::title)
                .containsExactly("Dove Song", "Glove Love", "Love Story");
        assertThat(ids(list(null, List.of(), List.of(new SongOrder(AudioFeature.TEMPO.column(), true)), "1", 25)))
                .containsExactly(DOVE_SONG, GLOVE_LOVE, LOVE_STORY, HELLO, LOVER, LOVE);
        assertThat(ids(list(null, List.of(), List.of(new SongOrder("average_rating", false)), "1", 25)))
                .as("equal averages in id order")
                .containsExactly(LOVE, GLOVE_LOVE, LOVER, LOVE_STORY, HELLO, DOVE_SONG);
    }

    @Test
    void pagesCutTheMatchesWithTheirExactCount() {
        List<SongOrder> order = List.of(SongOrder.DEFAULT);
        assertThat(ids(list("ove", List.of(), order, "1", 2))).containsExactly(LOVE_STORY, DOVE_SONG);
        assertThat(ids(list("ove", List.of(), order, "2", 2))).containsExactly(LOVER, GLOVE_LOVE);

        SongSearch.Page last = list("ove", List.of(), order, "last", 2);
        assertThat(last.number()).isEqualTo(3);
        assertThat(ids(last)).containsExactly(LOVE);

        SongSearch.Page beyond = list("ove", List.of(), order, "4", 2);
        assertThat(beyond.number()).as("no such page").isEqualTo(-1);
        assertThat(beyond.count()).isEqualTo(5);
        assertThat(beyond.rows()).isEmpty();
    }

    @Test
    void rankedSearchPutsTheWholeTitleFirstThenExactWordsThenAPrefixThenTypos() {
        RankedSearch.Page page = ranked.search("love", List.of(), new PageRequest("1", 25));

        assertThat(page.count()).isEqualTo(5);
        assertThat(page.hits())
                .extracting(hit -> hit.song().id())
                .containsExactly(LOVE, LOVE_STORY, GLOVE_LOVE, LOVER, DOVE_SONG);
        assertThat(page.hits()).extracting(RankedSearch.Hit::score).containsExactly(2.0, 1.0, 1.0, 2.0 / 3, 0.5);
        assertThat(page.hits().get(1).highlight()).isEqualTo("<mark>Love</mark> Story");
        assertThat(page.hits().get(3).highlight()).isEqualTo("<mark>Love</mark>r");
        assertThat(page.suggestion()).isNull();
    }

    @Test
    void rankedSearchToleratesATypoAndReadsTheLastWordAsABeginning() {
        assertThat(rankedIds("lvoe", List.of(), "1", 25))
                .as("a transposition, ranked by ratings")
                .containsExactly(LOVE_STORY, GLOVE_LOVE, LOVE);
        assertThat(rankedIds("love sto", List.of(), "1", 25)).containsExactly(LOVE_STORY);
    }

    @Test
    void rankedSearchFiltersAndPages() {
        assertThat(rankedIds("love", List.of(new Condition("total_ratings", Operator.AT_LEAST, 1)), "1", 25))
                .containsExactly(LOVE_STORY, GLOVE_LOVE, LOVER, DOVE_SONG);
        assertThat(rankedIds("love", List.of(), "2", 2)).containsExactly(GLOVE_LOVE, LOVER);

        RankedSearch.Page last = ranked.search("love", List.of(), new PageRequest("last", 2));
        assertThat(last.number()).isEqualTo(3);
        assertThat(last.hits()).extracting(hit -> hit.song().id()).containsExactly(DOVE_SONG);
        assertThat(ranked.search("love", List.of(), new PageRequest("4", 2)).number())
                .isEqualTo(-1);
    }

    @Test
    void nothingFoundSuggestsACorrectedQueryThatFindsSomething() {
        RankedSearch.Page corrected = ranked.search("love sttoryy", List.of(), new PageRequest("1", 25));
        assertThat(corrected.count()).isZero();
        assertThat(corrected.suggestion()).isEqualTo("love story");

        RankedSearch.Page nothing = ranked.search("qqqqzz", List.of(), new PageRequest("1", 25));
        assertThat(nothing.hits()).isEmpty();
        assertThat(nothing.suggestion()).isNull();
    }

    private static SongSearch.Page list(
            String term, List<Condition> conditions, List<SongOrder> ordering, String page, int size) {
        return songs.page(new SongFilter(term, conditions), ordering, new PageRequest(page, size));
    }

    private static List<Long> ids(SongSearch.Page page) {
        return page.rows().stream().map(SongRow::id).toList();
    }

    private static List<Long> rankedIds(String query, List<Condition> conditions, String page, int size) {
        return ranked.search(query, conditions, new PageRequest(page, size)).hits().stream()
                .map(hit -> hit.song().id())
                .toList();
    }

    private static SongAddedToCatalog song(long id, String title, double tempo) {
        AudioFeatures features =
                AudioFeatures.of(new double[AudioFeature.ALL.size()]).with(Map.of(AudioFeature.TEMPO, tempo));
        return new SongAddedToCatalog(id, SpotifyId.of(String.format("%022d", id)), title, features);
    }
}
