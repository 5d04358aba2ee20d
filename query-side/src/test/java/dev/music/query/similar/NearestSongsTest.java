package dev.music.query.similar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.music.events.AudioFeature;
import dev.music.events.AudioFeatures;
import dev.music.events.RatingSubmitted;
import dev.music.events.SongAddedToCatalog;
import dev.music.events.SongRemovedFromCatalog;
import dev.music.events.SpotifyId;
import dev.music.events.Stars;
import dev.music.query.ReadRouter;
import dev.music.query.song.SongBatchWriter;
import dev.music.query.song.SongEventBatch;
import dev.music.query.song.SongTables;
import dev.music.query.song.SoundCells;
import dev.music.query.support.ReadModelDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The similar songs and the recommendations on PostgreSQL, against a brute force in Java over the
 * whole catalog: the sound computed here from the contract's words, every distance, the order by
 * distance and then id. The catalog (5,000 songs written as the projectors write them) has features
 * of two decimals, so that distances often coincide, loudness and tempo beyond the range that is
 * clipped, songs that sound exactly alike (pairs, and a group of seven), removed songs, and one song
 * whose sound is missing from the read model.
 */
class NearestSongsTest {

    private static final int SONGS = 5_000;
    /** Songs 4001..4007 sound exactly alike. */
    private static final long ALIKE_FROM = 4_001;

    private static final long ALIKE_TO = 4_007;
    private static final long SOUNDLESS = 2_500;
    private static final Set<Long> REMOVED = Set.of(17L, 4_004L, 3_333L);

    private static final long LISTENER = 1;
    private static final long CRITIC = 2;
    private static final long NEWCOMER = 3;
    private static final long AROUND = 4;

    private static ReadModelDatabase database;
    private static JdbcTemplate jdbc;
    private static SimilarSongs similar;
    private static Recommendations recommendations;
    /** The catalog as the brute force sees it: the songs that have a sound, by id. */
    private static final Map<Long, AudioFeatures> catalog = new TreeMap<>();
    /** Each user's stars by song. */
    private static final Map<Long, Map<Long, Integer>> stars = new HashMap<>();

    private static final Map<Long, Long> ratingsOf = new HashMap<>();

    @BeforeAll
    static void catalogOfFiveThousandSongs() {
        database = ReadModelDatabase.create();
        jdbc = database.jdbc();
        SplittableRandom random = new SplittableRandom(34);
        SongEventBatch batch = new SongEventBatch();
        AudioFeatures alike = features(random);
        for (long id = 1; id <= SONGS; id++) {
            AudioFeatures features;
            if (id >= ALIKE_FROM && id <= ALIKE_TO) {
                features = alike;
            } else if (id % 50 == 0) {
                features = catalog.get(id - 1); // sounds exactly like the song before it
            } else {
                features = features(random);
            }
            batch.apply(new SongAddedToCatalog(id, spotifyId(id), "Song " + id, features));
            catalog.put(id, features);
        }
        Instant at = Instant.parse("2024-05-01T10:15:30Z");
        // The listener likes 30 songs, one of them removed later, and has rated 20 more lower.
        for (int i = 0; i < 50; i++) {
            long song = i == 0 ? 3_333 : 1 + random.nextInt(SONGS);
            int given = i < 30 ? 4 + random.nextInt(2) : 1 + random.nextInt(3);
            rate(batch, LISTENER, song, given, at);
        }
        // The critic likes nothing; the newcomer has rated nothing.
        for (int i = 0; i < 5; i++) {
            rate(batch, CRITIC, 1 + random.nextInt(100), 1 + random.nextInt(3), at);
        }
        // Everyone else's ratings, on the first 200 songs: many songs with equal counts.
        for (int i = 0; i < 600; i++) {
            rate(batch, 100 + random.nextInt(50), 1 + random.nextInt(200), 1 + random.nextInt(5), at);
        }
        for (long removed : REMOVED) {
            batch.apply(new SongRemovedFromCatalog(removed, spotifyId(removed)));
            catalog.remove(removed);
        }
        new SongBatchWriter(jdbc, SongTables.SERVING).write(batch);
        jdbc.update("delete from song_sounds where id = ?", SOUNDLESS);
        catalog.remove(SOUNDLESS);
        jdbc.execute("analyze");
        ReadRouter reads = ReadRouter.primary(jdbc, database.transactions());
        similar = new SimilarSongs(reads);
        recommendations = new Recommendations(reads);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void theSimilarSongsOf200SongsAreTheBruteForcesNearestInOrder() {
        SplittableRandom random = new SplittableRandom(7);
        List<Long> ids = new ArrayList<>(catalog.keySet());
        for (int i = 0; i < 200; i++) {
            long id = i < 7 ? ALIKE_FROM + i : ids.get(random.nextInt(ids.size()));
            if (id == 4_004) {
                continue; // removed
            }
            int limit = List.of(1, 3, 10, 100).get(i % 4);
            List<SimilarSong> found = similar.of(spotifyId(id).value(), limit).orElseThrow();
            List<Expected> expected = bruteForce(sound(catalog.get(id)), candidate -> candidate != id, limit);
            assertThat(found.stream().map(song -> song.song().id()).toList())
                    .as("the songs like song %d, limit %d", id, limit)
                    .isEqualTo(expected.stream().map(Expected::id).toList());
            for (int k = 0; k < found.size(); k++) {
                assertThat(found.get(k).distance()).isCloseTo(expected.get(k).distance(), within(1e-6));
                assertThat(found.get(k).closestIn())
                        .as("song %d's closest features", found.get(k).song().id())
                        .isEqualTo(closestIn(
                                sound(catalog.get(id)),
                                sound(catalog.get(expected.get(k).id()))));
            }
        }
    }

    @Test
    void songsThatSoundAlikeComeFirstAtDistanceZeroLowestIdsFirst() {
        // 4004 is removed: six songs sound like 4001, five besides it.
        List<SimilarSong> three = similar.of(spotifyId(4_001).value(), 3).orElseThrow();
        assertThat(three).extracting(song -> song.song().id()).containsExactly(4_002L, 4_003L, 4_005L);
        assertThat(three).allSatisfy(song -> assertThat(song.distance()).isZero());

        List<SimilarSong> seven = similar.of(spotifyId(4_006).value(), 7).orElseThrow();
        assertThat(seven.subList(0, 5))
                .extracting(song -> song.song().id())
                .containsExactly(4_001L, 4_002L, 4_003L, 4_005L, 4_007L);
        assertThat(seven.get(5).distance()).isPositive();
        assertThat(similar.of(spotifyId(99).value(), 1).orElseThrow())
                .extracting(song -> song.song().id())
                .as("song 100 sounds exactly like song 99")
                .containsExactly(100L);
    }

    @Test
    void anUnknownOrRemovedSongHasNoAnswerAndASongWithoutASoundHasNoSimilarSongs() {
        assertThat(similar.of("0000000000000000000000", 10)).isEmpty();
        assertThat(similar.of(spotifyId(17).value(), 10)).as("removed").isEmpty();
        assertThat(similar.of(spotifyId(SOUNDLESS).value(), 10)).contains(List.of());
        assertThat(similar.of(spotifyId(SOUNDLESS - 1).value(), 100).orElseThrow())
                .extracting(song -> song.song().id())
                .doesNotContain(SOUNDLESS)
                .doesNotContainAnyElementsOf(REMOVED);
    }

    @Test
    void theRecommendationsAreTheSongsNearestToTheMeanOfTheLikedOnesThatTheListenerHasNotRated() {
        Map<Long, Integer> rated = stars.get(LISTENER);
        List<Long> liked = rated.entrySet().stream()
                .filter(rating -> rating.getValue() >= 4 && catalog.containsKey(rating.getKey()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        double[] taste = new double[8];
        for (long song : liked) {
            double[] sound = sound(catalog.get(song));
            for (int i = 0; i < 8; i++) {
                taste[i] += sound[i] / liked.size();
            }
        }
        for (int limit : List.of(1, 10, 100)) {
            List<Recommendation> found = recommendations.of(LISTENER, limit);
            List<Expected> expected = bruteForce(taste, candidate -> !rated.containsKey(candidate), limit);
            assertThat(found.stream().map(song -> song.song().id()).toList())
                    .isEqualTo(expected.stream().map(Expected::id).toList());
            for (int k = 0; k < found.size(); k++) {
                Recommendation recommendation = found.get(k);
                assertThat(recommendation.distance()).isCloseTo(expected.get(k).distance(), within(1e-6));
                double[] sound = sound(catalog.get(recommendation.song().id()));
                long because = liked.stream()
                        .min(Comparator.comparingDouble((Long song) -> distance(sound(catalog.get(song)), sound))
                                .thenComparing(song -> song))
                        .orElseThrow();
                assertThat(recommendation.because()).isEqualTo(new LikedSong(because, "Song " + because));
            }
        }
    }

    @Test
    void aListenerWhoRatedEverySongAroundTheirTasteGetsTheNearestOfTheRestFromCellsFurtherOut() {
        // One liked song, and the 4,800 songs nearest to it rated low: the first cells read (64 of the
        // catalog's 100 or so) hold almost no song to offer, and the statement runs again over them all.
        long liked = 1_234;
        double[] taste = sound(catalog.get(liked));
        List<Expected> around = bruteForce(taste, candidate -> candidate != liked, 4_800);
        SongEventBatch batch = new SongEventBatch();
        Instant at = Instant.parse("2024-05-02T10:15:30Z");
        // Through rate(), so that the other tests' expected figures count these ratings too.
        rate(batch, AROUND, liked, 5, at);
        for (Expected song : around) {
            rate(batch, AROUND, song.id(), 2, at);
        }
        new SongBatchWriter(jdbc, SongTables.SERVING).write(batch);
        Set<Long> rated =
                new java.util.HashSet<>(around.stream().map(Expected::id).toList());
        rated.add(liked);
        String literal = Arrays.stream(taste)
                .mapToObj(Double::toString)
                .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
        assertThat(jdbc.queryForObject(
                        "select count(*) from song_sounds t where t.cell = any(array(select c.cell from sound_cells c"
                                + " order by c.box <-> cast(? as cube) limit 65)) and not exists (select 1 from"
                                + " user_ratings r where r.user_id = ? and r.song_id = t.id)",
                        Long.class,
                        literal,
                        AROUND))
                .as("unrated songs in the 65 cells read first for a taste and 10 songs")
                .isLessThan(10);

        List<Recommendation> found = recommendations.of(AROUND, 10);

        List<Expected> expected = bruteForce(taste, candidate -> !rated.contains(candidate), 10);
        assertThat(found.stream().map(song -> song.song().id()).toList())
                .isEqualTo(expected.stream().map(Expected::id).toList());
        assertThat(found.get(0).distance()).isCloseTo(expected.get(0).distance(), within(1e-6));
    }

    @Test
    void aListenerWhoLikesNothingGetsTheMostRatedSongsTheyHaveNotRated() {
        for (long user : List.of(CRITIC, NEWCOMER)) {
            Map<Long, Integer> rated = stars.getOrDefault(user, Map.of());
            // every song of the catalog, with a sound or without
            List<Long> expected = java.util.stream.LongStream.rangeClosed(1, SONGS)
                    .boxed()
                    .filter(song -> !REMOVED.contains(song) && !rated.containsKey(song))
                    .sorted(Comparator.comparingLong((Long song) -> -ratingsOf.getOrDefault(song, 0L))
                            .thenComparing(song -> song))
                    .limit(20)
                    .toList();
            List<Recommendation> found = recommendations.of(user, 20);
            assertThat(found).extracting(song -> song.song().id()).isEqualTo(expected);
            assertThat(found).allSatisfy(song -> {
                assertThat(song.distance()).isNull();
                assertThat(song.because()).isNull();
            });
        }
    }

    @Test
    void theSongsOfTheNearestCellsAreReadFromTheCellIndexNotByAScanOfEverySound() {
        // (The 64 cells of this catalog are fewer than a walk of their index is worth; at a million
        // songs the plan walks sound_cells_box_idx, as the benchmark page shows.)
        String target = "(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5)";
        for (String plan : List.of(
                plan(NearestSongs.statement("t.id <> ?", 10, 8), NearestSongs.parameters(target, 1L)),
                plan(
                        NearestSongs.statement(
                                "not exists (select 1 from user_ratings r where r.user_id = ? and r.song_id = t.id)",
                                100,
                                20),
                        NearestSongs.parameters(target, LISTENER)))) {
            assertThat(plan)
                    .contains("Index Only Scan using song_sounds_cell_idx")
                    .doesNotContain("Seq Scan on song_sounds");
        }
    }

    @Test
    void everySoundIsInsideTheBoxOfItsCellAndNoCellHoldsMoreThanItsShare() {
        assertThat(jdbc.queryForObject(
                        "select count(*) from song_sounds t left join sound_cells c on c.cell = t.cell"
                                + " where c.cell is null or not c.box @> t.sound",
                        Long.class))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select max(n) from (select count(*) n from song_sounds group by cell) x", Long.class))
                .isLessThanOrEqualTo(SoundCells.MOST);
        assertThat(jdbc.queryForObject("select count(distinct cell) from song_sounds", Long.class))
                .as("5,000 songs in cells of at most %d", SoundCells.MOST)
                .isGreaterThanOrEqualTo(SONGS / SoundCells.MOST);
    }

    private static String plan(String statement, Object... parameters) {
        return String.join("\n", jdbc.queryForList("explain " + statement, String.class, parameters));
    }

    private record Expected(long id, double distance) {}

    /** Every song of the catalog that {@code keep} keeps, by distance to the target then id, the first {@code limit}. */
    private static List<Expected> bruteForce(double[] target, java.util.function.LongPredicate keep, int limit) {
        return catalog.entrySet().stream()
                .filter(song -> keep.test(song.getKey()))
                .map(song -> new Expected(song.getKey(), distance(sound(song.getValue()), target)))
                .sorted(Comparator.comparingDouble(Expected::distance).thenComparingLong(Expected::id))
                .limit(limit)
                .toList();
    }

    /** The contract's sound: six features as they are, loudness and tempo scaled and clipped to [0, 1]. */
    private static double[] sound(AudioFeatures f) {
        return new double[] {
            f.danceability(),
            f.energy(),
            f.acousticness(),
            f.instrumentalness(),
            f.liveness(),
            f.valence(),
            Math.min(1, Math.max(0, (f.loudness() + 60) / 60)),
            Math.min(1, Math.max(0, f.tempo() / 250))
        };
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    private static List<String> closestIn(double[] a, double[] b) {
        List<String> names = List.of(
                "danceability",
                "energy",
                "acousticness",
                "instrumentalness",
                "liveness",
                "valence",
                "loudness",
                "tempo");
        return IntStream.range(0, 8)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> Math.abs(a[i] - b[i]))
                        .thenComparing(i -> i))
                .limit(3)
                .map(names::get)
                .toList();
    }

    /** Features of two decimals; loudness and tempo also beyond the range the sound clips. */
    private static AudioFeatures features(SplittableRandom random) {
        Map<AudioFeature, Double> values = new LinkedHashMap<>();
        for (AudioFeature feature : AudioFeature.ALL) {
            double value = switch (feature) {
                case LOUDNESS -> -70 + random.nextInt(7_600) / 100.0;
                case TEMPO -> 40 + random.nextInt(26_000) / 100.0;
                case KEY -> random.nextInt(12);
                case MODE -> random.nextInt(2);
                case DURATION_MS -> 200_000;
                case TIME_SIGNATURE -> 4;
                case NUM_BARS, NUM_SECTIONS, NUM_SEGMENTS -> 10;
                default -> random.nextInt(101) / 100.0;
            };
            values.put(feature, value);
        }
        return AudioFeatures.of(
                values.values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static void rate(SongEventBatch batch, long user, long song, int given, Instant at) {
        Integer previous = stars.computeIfAbsent(user, u -> new HashMap<>()).put(song, given);
        if (previous == null) {
            ratingsOf.merge(song, 1L, Long::sum);
        }
        batch.apply(new RatingSubmitted(song, user, Stars.of(given), previous == null ? null : Stars.of(previous), at));
    }

    private static SpotifyId spotifyId(long songId) {
        return SpotifyId.of(String.format("%022d", songId));
    }
}
