package dev.music.query.song;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.events.AudioFeature;
import dev.music.events.AudioFeatures;
import dev.music.events.RatingSubmitted;
import dev.music.events.SongAddedToCatalog;
import dev.music.events.SongDetailsCorrected;
import dev.music.events.SongRemovedFromCatalog;
import dev.music.events.SpotifyId;
import dev.music.events.Stars;
import dev.music.query.paging.PageRequest;
import dev.music.query.search.RankedSearch;
import dev.music.query.support.ReadModelDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The songs projection on PostgreSQL, as giftcard-demo tests its projection: given events, when
 * the projectors handle them (a processor's batch in one unit of work), then the read model's rows,
 * and what the searches find in them. Each test has songs of its own.
 */
class SongProjectorsTest {

    private static final AudioFeatures FEATURES = AudioFeatures.of(new double[AudioFeature.ALL.size()]);
    private static final Instant AT = Instant.parse("2024-05-01T10:15:30Z");

    private static ReadModelDatabase database;
    private static JdbcTemplate jdbc;
    private static SongCatalogProjector catalog;
    private static SongRatingProjector ratings;
    private static SongSearch songs;
    private static RankedSearch ranked;

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        jdbc = database.jdbc();
        UnitOfWorkSongWriter writer = new UnitOfWorkSongWriter(jdbc);
        catalog = new SongCatalogProjector(writer);
        ratings = new SongRatingProjector(writer);
        songs = SongSearch.remembering(jdbc, database.transactions(), SearchProperties.remembering(0));
        ranked = new RankedSearch(jdbc, new CatalogCounts(0), 50_000);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void anAddedSongIsARowWithoutRatingsThatBothSearchesFind() {
        handle(added(101, "Nightcall Paradise"));

        assertThat(figures(101)).isEqualTo(new Figures(0, 0.0));
        assertThat(titlesContaining("ightcal")).containsExactly("Nightcall Paradise");
        assertThat(rankedTitles("nightcall")).containsExactly("Nightcall Paradise");
    }

    @Test
    void ratingsAddUpAndAReRatingReplacesTheEarlierScore() {
        handle(added(201, "Rerating Anthem"), rating(201, 10, 4, null), rating(201, 11, 2, null));
        assertThat(figures(201)).isEqualTo(new Figures(2, 3.0));

        handle(rating(201, 10, 5, 4));

        assertThat(figures(201)).as("one more star, no more ratings").isEqualTo(new Figures(2, 3.5));
        assertThat(jdbc.queryForObject(
                        "select stars from user_ratings where user_id = 10 and song_id = 201", Integer.class))
                .isEqualTo(5);
        assertThat(jdbc.queryForMap("select total_ratings, average_rating from song_rankings where id = 201"))
                .as("the rankings carry the same figures")
                .isEqualTo(Map.of("total_ratings", 2L, "average_rating", 3.5));
        SongRow found = songs.page(new SongFilter("Rerating", List.of()), List.of(SongOrder.DEFAULT), first(10))
                .rows()
                .get(0);
        assertThat(found.totalRatings()).isEqualTo(2);
        assertThat(found.averageRating()).isEqualTo(3.5);
    }

    @Test
    void aReRatingInTheSameBatchAsTheFirstCountsOnce() {
        handle(added(301, "Batched Hymn"), rating(301, 20, 1, null), rating(301, 20, 4, 1), rating(301, 21, 5, null));

        assertThat(figures(301)).isEqualTo(new Figures(2, 4.5));
    }

    @Test
    void aCorrectedTitleIsFoundByItsNewWordsAndKeepsItsRatings() {
        handle(added(401, "Helo Wrold Sonata"), rating(401, 30, 3, null));

        handle(new SongDetailsCorrected(401, spotifyId(401), "Hello World Sonata", FEATURES));

        assertThat(jdbc.queryForObject("select title from songs where id = 401", String.class))
                .isEqualTo("Hello World Sonata");
        assertThat(figures(401)).isEqualTo(new Figures(1, 3.0));
        assertThat(titlesContaining("Wrold")).isEmpty();
        assertThat(titlesContaining("World Sonata")).containsExactly("Hello World Sonata");
        assertThat(rankedTitles("hello world sonata")).containsExactly("Hello World Sonata");
    }

    @Test
    void aRemovedSongLeavesTheTablesAndTheSearches() {
        handle(added(501, "Vanishing Toccata"), rating(501, 40, 5, null));

        handle(new SongRemovedFromCatalog(501, spotifyId(501)));

        for (String table : List.of("songs", "song_rankings", "song_titles", "song_sounds")) {
            assertThat(jdbc.queryForObject("select count(*) from " + table + " where id = 501", Long.class))
                    .as(table)
                    .isZero();
        }
        assertThat(titlesContaining("Vanishing")).isEmpty();
        assertThat(rankedTitles("vanishing toccata")).isEmpty();
    }

    @Test
    void aSongsSoundIsItsFeaturesScaledToOneAndFollowsACorrection() {
        AudioFeatures loud = FEATURES.with(Map.of(
                AudioFeature.DANCEABILITY, 0.5,
                AudioFeature.VALENCE, 0.25,
                AudioFeature.LOUDNESS, 3.0,
                AudioFeature.TEMPO, 125.0));
        handle(new SongAddedToCatalog(601, spotifyId(601), "Loud Anthem", loud));
        assertThat(sound(601))
                .as("loudness above 0 dB clipped to 1, tempo / 250")
                .isEqualTo("(0.5, 0, 0, 0, 0, 0.25, 1, 0.5)");

        handle(new SongDetailsCorrected(
                601,
                spotifyId(601),
                "Loud Anthem",
                loud.with(Map.of(AudioFeature.LOUDNESS, -15.0, AudioFeature.TEMPO, 300.0))));
        assertThat(sound(601))
                .as("(-15 + 60) / 60, tempo above 250 clipped to 1")
                .isEqualTo("(0.5, 0, 0, 0, 0, 0.25, 0.75, 1)");
    }

    private static String sound(long songId) {
        return jdbc.queryForObject("select sound::text from song_sounds where id = ?", String.class, songId);
    }

    /** The events handled as a processor handles a batch: in one unit of work, written when it commits. */
    private static void handle(Object... events) {
        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(events[0]))
                .execute(() -> {
                    for (Object event : events) {
                        if (event instanceof SongAddedToCatalog e) {
                            catalog.on(e);
                        } else if (event instanceof SongDetailsCorrected e) {
                            catalog.on(e);
                        } else if (event instanceof SongRemovedFromCatalog e) {
                            catalog.on(e);
                        } else {
                            ratings.on((RatingSubmitted) event);
                        }
                    }
                });
    }

    private record Figures(long totalRatings, double averageRating) {}

    private static Figures figures(long songId) {
        return jdbc.queryForObject(
                "select total_ratings, average_rating from songs where id = ?",
                (row, n) -> new Figures(row.getLong(1), row.getDouble(2)),
                songId);
    }

    private static List<String> titlesContaining(String term) {
        return songs.page(new SongFilter(term, List.of()), List.of(SongOrder.DEFAULT), first(25)).rows().stream()
                .map(SongRow::title)
                .toList();
    }

    private static List<String> rankedTitles(String query) {
        return ranked.search(query, List.of(), first(25)).hits().stream()
                .map(hit -> hit.song().title())
                .toList();
    }

    private static PageRequest first(int size) {
        return new PageRequest("1", size);
    }

    private static SongAddedToCatalog added(long songId, String title) {
        return new SongAddedToCatalog(songId, spotifyId(songId), title, FEATURES);
    }

    /** A Spotify id of 22 letters and digits, one per song. */
    private static SpotifyId spotifyId(long songId) {
        return SpotifyId.of(String.format("%022d", songId));
    }

    private static RatingSubmitted rating(long songId, long userId, int stars, Integer previousStars) {
        return new RatingSubmitted(
                songId, userId, Stars.of(stars), previousStars == null ? null : Stars.of(previousStars), AT);
    }
}
