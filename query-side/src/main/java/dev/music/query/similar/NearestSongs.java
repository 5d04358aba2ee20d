package dev.music.query.similar;

import dev.music.query.song.SongRow;
import dev.music.query.song.SongTables;
import dev.music.query.song.Sound;
import dev.music.query.song.SoundCells;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.util.PGobject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The songs whose sounds are nearest to a target sound, exactly, by ascending distance and then
 * ascending id, read from the sound cells ({@link SoundCells}), in one statement of two steps:
 * <ol>
 * <li>the songs of the few cells whose boxes are nearest to the target (a walk of the boxes' GiST
 *     index in distance order) give a first k-th distance, which no true k-th exceeds;</li>
 * <li>every cell whose box is no farther than that (a search of the same index for the boxes that
 *     overlap the cube around the target of that half-width, then their distance) holds every song
 *     that can be among the k: those songs, ranked by distance and id, are the answer.</li>
 * </ol>
 * When the first cells hold fewer than k songs (many excluded, a large k), the statement runs
 * again with four times as many; when they are all the cells there are, their songs are all there is.
 */
final class NearestSongs {

    /** A song near the target, its distance and its sound. */
    record Near(SongRow song, double distance, Sound sound) {}

    /**
     * Cells read first for an answer of few songs (more as the count grows, one for every 8 songs).
     * A song's own sound is where songs are: its nearest cells hold songs about as near as the
     * nearest. A taste is a mean, often between the songs, and the k-th distance the first few
     * cells give overshoots: in 8 dimensions a first distance 37% too far (8 cells, measured at a
     * million songs) means twelve times the cells to read in the second step; 64 cells bring it to
     * 12% too far.
     */
    private static final int FIRST_CELLS = 8;

    private static final int FIRST_CELLS_FOR_A_TASTE = 64;

    private static final int WIDER = 4;

    private static final String SONGS = SongTables.SERVING.songs();
    private static final String SOUNDS = SongTables.SERVING.sounds();
    private static final String CELLS = SongTables.SERVING.cells();

    private final JdbcTemplate jdbc;

    NearestSongs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The {@code count} songs nearest to the target but this one. */
    List<Near> besides(long songId, Sound target, int count) {
        return nearest("t.id <> ?", songId, target, count, FIRST_CELLS);
    }

    /** The {@code count} songs nearest to the target that this user has not rated. */
    List<Near> unratedBy(long userId, Sound target, int count) {
        return nearest(
                "not exists (select 1 from " + SongTables.SERVING.userRatings()
                        + " r where r.user_id = ? and r.song_id = t.id)",
                userId,
                target,
                count,
                FIRST_CELLS_FOR_A_TASTE);
    }

    private List<Near> nearest(String exclusion, long excluded, Sound target, int count, int first) {
        String sound = target.literal();
        for (int cells = first + count / 8; ; cells *= WIDER) {
            Reading reading = new Reading();
            jdbc.query(statement(exclusion, count, cells), reading::add, parameters(sound, excluded));
            if (reading.provisional == count || reading.firstCells < cells) {
                return reading.songs;
            }
        }
    }

    /**
     * The statement's parameters, in its order: the target sound and what the exclusion excludes. The
     * sound goes as a value of type {@code cube}: sent as text, a prepared statement's generic plan
     * would convert it again for every song it reads, which at a few thousand songs cost more than
     * all the rest of the statement.
     */
    static Object[] parameters(String sound, long excluded) {
        PGobject cube = new PGobject();
        cube.setType("cube");
        try {
            cube.setValue(sound);
        } catch (SQLException e) {
            throw new IllegalArgumentException(e);
        }
        return new Object[] {cube, cube, excluded, cube, cube, cube, excluded};
    }

    /**
     * The statement, with the {@link #parameters}. The counts are written into it (whole numbers the caller
     * bounds), so that every plan, a prepared statement's generic one too, knows how few rows each
     * step needs. Its first columns say how many songs the first cells gave and how many cells
     * they were; an answer without songs is one row with those alone.
     */
    static String statement(String exclusion, int count, int cells) {
        if (count < 1 || cells < 1) {
            throw new IllegalArgumentException("at least one song from one cell: " + count + ", " + cells);
        }
        return "with first as (select c.cell from " + CELLS + " c order by c.box <-> cast(? as cube) limit " + cells
                + "),"
                + " provisional as (select count(*) as found, max(distance) as distance from (select t.sound <-> cast(?"
                + " as cube) as distance from " + SOUNDS + " t where t.cell = any(array(select cell from first))"
                + " and " + exclusion + " order by distance limit " + count + ") p),"
                + " near as (select c.cell from " + CELLS + " c, provisional p where p.found = " + count
                + " and c.box && cube_enlarge(cast(? as cube), p.distance, " + Sound.FEATURES.size() + ")"
                + " and c.box <-> cast(? as cube) <= p.distance"
                + " union all select cell from first where (select found from provisional) < " + count + "),"
                + " found as (select t.id, t.sound, t.sound <-> cast(? as cube) as distance from " + SOUNDS + " t"
                + " where t.cell = any(array(select cell from near)) and " + exclusion
                + " order by distance, t.id limit " + count + ")"
                + " select (select found from provisional) as provisional, (select count(*) from first) as first_cells, "
                + SongRow.columnsOf("s") + ", f.distance, f.sound::text as sound"
                + " from (select) one left join (found f join " + SONGS + " s on s.id = f.id) on true"
                + " order by f.distance, f.id";
    }

    /** The rows of one statement: its songs, and how many the first cells gave. */
    private static final class Reading {

        private final List<Near> songs = new ArrayList<>();
        private long provisional;
        private long firstCells;

        void add(ResultSet rs) throws SQLException {
            provisional = rs.getLong("provisional");
            firstCells = rs.getLong("first_cells");
            if (rs.getString("sound") != null) {
                songs.add(new Near(SongRow.read(rs), rs.getDouble("distance"), Sound.parse(rs.getString("sound"))));
            }
        }
    }
}
