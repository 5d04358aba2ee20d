package dev.music.query.song;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.events.AudioFeature;
import dev.music.events.AudioFeatures;
import dev.music.events.SongAddedToCatalog;
import dev.music.events.SongDetailsCorrected;
import dev.music.events.SpotifyId;
import dev.music.query.support.ReadModelDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sound cells on PostgreSQL, written as the projectors write them: by several writers at once,
 * each in transactions of its own, new songs and songs whose features change; and a whole table
 * partitioned at once, as a rebuild does. Whatever the interleaving, every sound lies in the box of
 * its cell, which is all the nearest songs rely on.
 */
class SoundCellsTest {

    private static final String OUTSIDE =
            "select count(*) from song_sounds t left join sound_cells c on c.cell = t.cell"
                    + " where c.cell is null or not c.box @> t.sound";

    private ReadModelDatabase database;
    private JdbcTemplate jdbc;

    @BeforeEach
    void createDatabase() {
        database = ReadModelDatabase.create();
        jdbc = database.jdbc();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void writersSideBySideKeepEverySoundInsideItsCellsBox() throws Exception {
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> write(writer, writers)));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();

        assertThat(jdbc.queryForObject("select count(*) from song_sounds", Long.class))
                .isEqualTo(4 * 60 * 20L);
        assertThat(jdbc.queryForObject(OUTSIDE, Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(distinct cell) from song_sounds", Long.class))
                .as("split as they grew")
                .isGreaterThanOrEqualTo(4_800 / SoundCells.MOST);
    }

    /** 60 transactions of 20 new songs each, with 10 earlier songs of this writer's given new features. */
    private void write(int writer, int writers) {
        SplittableRandom random = new SplittableRandom(writer);
        TransactionTemplate transaction = database.transactions();
        SongBatchWriter songs = new SongBatchWriter(jdbc, SongTables.SERVING);
        long next = writer;
        List<Long> written = new ArrayList<>();
        for (int t = 0; t < 60; t++) {
            SongEventBatch batch = new SongEventBatch();
            for (int i = 0; i < 20; i++) {
                long id = 1 + next;
                next += writers;
                batch.apply(new SongAddedToCatalog(id, spotifyId(id), "Song " + id, features(random)));
                written.add(id);
            }
            for (int i = 0; i < 10 && written.size() > 40; i++) {
                long id = written.get(random.nextInt(written.size() - 20));
                batch.apply(new SongDetailsCorrected(id, spotifyId(id), "Song " + id, features(random)));
            }
            transaction.executeWithoutResult(status -> songs.write(batch));
        }
    }

    @Test
    void aTablePartitionedAtOnceHasTheSameSoundsInTightCellsOfAtMostTheMost() {
        SplittableRandom random = new SplittableRandom(3);
        SongEventBatch batch = new SongEventBatch();
        for (long id = 1; id <= 3_000; id++) {
            batch.apply(new SongAddedToCatalog(id, spotifyId(id), "Song " + id, features(random)));
        }
        SongBatchWriter songs = new SongBatchWriter(jdbc, SongTables.SERVING);
        database.transactions().executeWithoutResult(status -> songs.writeRows(batch.rows()));
        List<Map<String, Object>> before = jdbc.queryForList("select id, sound::text from song_sounds order by id");
        assertThat(jdbc.queryForList("select distinct cell from song_sounds", Integer.class))
                .as("unplaced")
                .containsExactly(0);

        database.transactions().executeWithoutResult(status -> new SoundCells(jdbc, SongTables.SERVING).partitionAll());

        assertThat(jdbc.queryForList("select id, sound::text from song_sounds order by id"))
                .isEqualTo(before);
        assertThat(jdbc.queryForObject(OUTSIDE, Long.class)).isZero();
        assertThat(jdbc.queryForList("select count(*) from song_sounds group by cell", Long.class))
                .allSatisfy(count -> assertThat(count).isBetween(SoundCells.MOST / 2L, (long) SoundCells.MOST));
        assertThat(jdbc.queryForObject(
                        "select count(*) from sound_cells c where c.box <> (select sound_box(t.sound)"
                                + " from song_sounds t where t.cell = c.cell)",
                        Long.class))
                .as("boxes no larger than their sounds")
                .isZero();
    }

    private static AudioFeatures features(SplittableRandom random) {
        double[] values = new double[AudioFeature.ALL.size()];
        for (int i = 0; i < values.length; i++) {
            AudioFeature feature = AudioFeature.ALL.get(i);
            values[i] = switch (feature) {
                case LOUDNESS -> -30 + random.nextInt(3_000) / 100.0;
                case TEMPO -> 60 + random.nextInt(14_000) / 100.0;
                case INSTRUMENTALNESS -> random.nextInt(3) == 0 ? random.nextInt(101) / 100.0 : 0;
                case KEY -> random.nextInt(12);
                case MODE -> random.nextInt(2);
                case DURATION_MS -> 200_000;
                case TIME_SIGNATURE -> 4;
                case NUM_BARS, NUM_SECTIONS, NUM_SEGMENTS -> 10;
                default -> random.nextInt(101) / 100.0;
            };
        }
        return AudioFeatures.of(values);
    }

    private static SpotifyId spotifyId(long songId) {
        return SpotifyId.of(String.format("%022d", songId));
    }
}
