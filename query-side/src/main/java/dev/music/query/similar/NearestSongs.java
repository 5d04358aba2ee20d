package dev.music.query.similar;

import dev.music.query.song.SongRow;
import dev.music.query.song.SongTables;
import dev.music.query.song.Sound;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The songs whose sounds are nearest to a target sound, exactly, by ascending distance and then
 * ascending id, in one statement: the GiST index of {@code song_sounds} is walked in distance order
 * ({@code ORDER BY sound <-> target}) for the first {@code k} songs and every song as far as the
 * k-th ({@code FETCH FIRST k ROWS WITH TIES}), then those are sorted by distance and id and cut to
 * k. An {@code ORDER BY sound <-> target, id} would be exact too, but PostgreSQL cannot walk the
 * index for the second key and sorts the whole table instead; the walk orders by distance alone, and
 * the ties at the cut are all fetched, so the ids decide among equals exactly.
 */
final class NearestSongs {

    /** A song near the target, its distance and its sound. */
    record Near(SongRow song, double distance, Sound sound) {}

    private static final String SONGS = SongTables.SERVING.songs();
    private static final String SOUNDS = SongTables.SERVING.sounds();

    private final JdbcTemplate jdbc;

    NearestSongs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The {@code count} songs nearest to the target but this one. */
    List<Near> besides(long songId, Sound target, int count) {
        return jdbc.query(statement("t.id <> ?", count), (rs, n) -> near(rs), target.literal(), songId);
    }

    /** The {@code count} songs nearest to the target that this user has not rated. */
    List<Near> unratedBy(long userId, Sound target, int count) {
        return jdbc.query(
                statement(
                        "not exists (select 1 from " + SongTables.SERVING.userRatings()
                                + " r where r.user_id = ? and r.song_id = t.id)",
                        count),
                (rs, n) -> near(rs),
                target.literal(),
                userId);
    }

    /**
     * The statement: the target sound is its first parameter, the exclusion's the next. The count is
     * written into it (a whole number the caller bounds), so that every plan, a prepared statement's
     * generic one too, knows how few rows the walk needs.
     */
    static String statement(String exclusion, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one song: " + count);
        }
        return "select " + SongRow.columnsOf("s") + ", n.distance, n.sound::text as sound"
                + " from (select t.id, t.sound, t.sound <-> cast(? as cube) as distance from " + SOUNDS + " t"
                + " where " + exclusion
                + " order by distance fetch first " + count + " rows with ties) n"
                + " join " + SONGS + " s on s.id = n.id"
                + " order by n.distance, n.id limit " + count;
    }

    private static Near near(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Near(SongRow.read(rs), rs.getDouble("distance"), Sound.parse(rs.getString("sound")));
    }
}
