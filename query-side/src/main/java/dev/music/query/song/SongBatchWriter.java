package dev.music.query.song;

import dev.music.events.AudioFeature;
import dev.music.query.song.SongEventBatch.UserRating;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Writes the changes of a {@link SongEventBatch} to one copy's tables ({@link SongTables}) as JDBC batches: the row changes in their order, one
 * batch per statement for each run of changes of one kind, the cells of the new sounds, then the users' ratings.
 */
public final class SongBatchWriter {

    private final NamedParameterJdbcTemplate jdbc;
    private final SongTables tables;
    private final SoundCells cells;

    public SongBatchWriter(JdbcTemplate jdbc, SongTables tables) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.tables = tables;
        this.cells = new SoundCells(jdbc, tables);
    }

    public void write(SongEventBatch changes) {
        writeRows(changes.rows());
        placeSounds(changes.rows());
        writeUserRatings(changes.userRatings());
    }

    /** The sounds of a run of new songs, in one statement from arrays ({@link SongTables#insertSounds}). */
    private void insertSounds(List<? extends SongRowChange> run) {
        StringJoiner songIds = new StringJoiner(",", "{", "}");
        Map<AudioFeature, StringJoiner> features = new EnumMap<>(AudioFeature.class);
        Sound.FEATURES.forEach(feature -> features.put(feature, new StringJoiner(",", "{", "}")));
        for (SongRowChange change : run) {
            SongRowChange.InsertSong song = (SongRowChange.InsertSong) change;
            songIds.add(Long.toString(song.songId()));
            features.forEach((feature, values) ->
                    values.add(Double.toString(song.features().get(feature).doubleValue())));
        }
        MapSqlParameterSource parameters = new MapSqlParameterSource("songIds", songIds.toString());
        features.forEach((feature, values) -> parameters.addValue(feature.column(), values.toString()));
        jdbc.update(tables.insertSounds(), parameters);
    }

    /**
     * Grows the cells the batch's new and changed sounds went into ({@link SoundCells#placed});
     * {@link #writeRows} alone leaves that to the caller, as a rebuild's bulk copy does, which
     * partitions all the sounds at once afterwards.
     */
    private void placeSounds(List<? extends SongRowChange> rows) {
        cells.placed(rows.stream()
                .filter(row -> row instanceof SongRowChange.InsertSong || row instanceof SongRowChange.UpdateSong)
                .map(SongRowChange::songId)
                .distinct()
                .toList());
    }

    public void writeRows(List<? extends SongRowChange> rows) {
        int from = 0;
        while (from < rows.size()) {
            Class<?> kind = rows.get(from).getClass();
            int to = from;
            while (to < rows.size() && rows.get(to).getClass() == kind) {
                to++;
            }
            List<? extends SongRowChange> run = rows.subList(from, to);
            if (kind == SongRowChange.AddRatings.class && addTogether(run)) {
                from = to;
                continue;
            }
            SqlParameterSource[] parameters =
                    run.stream().map(SongRowChange::parameters).toArray(SqlParameterSource[]::new);
            for (String statement : run.get(0).statements(tables)) {
                jdbc.batchUpdate(statement, parameters);
            }
            if (kind == SongRowChange.InsertSong.class) {
                insertSounds(run);
            }
            from = to;
        }
    }

    /**
     * A run of rating figures in one statement rather than one per song: a projector's batch
     * rates many songs, and each statement of a JDBC batch is executed on its own (the bench
     * page measured the same time per row either way: the cost is the rows' update). An UPDATE joined to
     * its values changes a row once however often it is joined, so a run that names a song twice
     * (never made by {@link SongEventBatch}, which merges a song's ratings) goes one by one.
     */
    private boolean addTogether(List<? extends SongRowChange> run) {
        if (run.size() < 2) {
            return false;
        }
        StringJoiner songIds = new StringJoiner(",", "{", "}");
        StringJoiner ratings = new StringJoiner(",", "{", "}");
        StringJoiner stars = new StringJoiner(",", "{", "}");
        Set<Long> seen = new HashSet<>();
        for (SongRowChange change : run) {
            SongRowChange.AddRatings add = (SongRowChange.AddRatings) change;
            if (!seen.add(add.songId())) {
                return false;
            }
            songIds.add(Long.toString(add.songId()));
            ratings.add(Integer.toString(add.ratings()));
            stars.add(Long.toString(add.stars()));
        }
        jdbc.update(
                tables.addRatingsTogether(),
                new MapSqlParameterSource("songIds", songIds.toString())
                        .addValue("ratings", ratings.toString())
                        .addValue("stars", stars.toString()));
        return true;
    }

    public void writeUserRatings(Collection<UserRating> ratings) {
        jdbc.batchUpdate(
                tables.upsertUserRating(),
                ratings.stream().map(UserRating::parameters).toArray(SqlParameterSource[]::new));
    }
}
