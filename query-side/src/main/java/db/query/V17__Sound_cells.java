package db.query;

import dev.music.query.song.SongTables;
import dev.music.query.song.SoundCells;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The songs' sounds in cells ({@link SoundCells}) instead of a GiST index of the sounds themselves.
 * The cube extension's GiST index chooses where a sound goes by how much a box's volume grows; when
 * many songs share a value of one feature (two in three have no instrumentalness), their boxes have
 * no volume, every choice looks free, and the tree's boxes end up overlapping: at a million songs a
 * search for the 10 nearest read 9,000 of its 30,000 pages. Cells split at the median of their
 * widest feature stay compact whatever the distribution. The songs already here are partitioned
 * at once, as a rebuild does; those to come are placed one by one.
 */
public class V17__Sound_cells extends BaseJavaMigration {

    @Override
    public void migrate(Context context) {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        // A box that holds the sounds: the smallest, the union of them all, and a margin of 1e-6 each way.
        // The margin gives a volume to the boxes of cells whose songs share a value of a feature, which
        // the boxes' own GiST index needs to choose well (above); a distance from a box is then
        // smaller by at most 3e-6, and remains a bound below every song's in it.
        jdbc.execute("create function sound_box_margin(box cube) returns cube language sql immutable strict"
                + " parallel safe as 'select cube_enlarge(box, 1e-6, 8)'");
        jdbc.execute("create aggregate sound_box(cube) (sfunc = cube_union, stype = cube,"
                + " finalfunc = sound_box_margin, parallel = safe)");
        // Numbers for new cells, shared by the serving tables and a rebuild's; 0 is the first cell of an empty catalog.
        jdbc.execute("create sequence sound_cell_ids as integer");
        jdbc.execute("create table sound_cells (cell integer primary key, box cube not null)");
        jdbc.execute("alter table song_sounds add column cell integer not null default 0");
        jdbc.execute("alter table song_sounds alter column cell drop default");
        jdbc.execute("drop index song_sounds_sound_idx");
        new SoundCells(jdbc, SongTables.SERVING).partitionAll();
        // A cell's songs side by side in one index, with their sounds, for a scan of the index alone.
        jdbc.execute("create index song_sounds_cell_idx on song_sounds (cell) include (id, sound)");
        // The nearest boxes first: ORDER BY box <-> target walks it.
        jdbc.execute("create index sound_cells_box_idx on sound_cells using gist (box)");
        jdbc.execute("analyze song_sounds");
        jdbc.execute("analyze sound_cells");
    }
}
