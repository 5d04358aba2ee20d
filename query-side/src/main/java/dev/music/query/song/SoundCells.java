package dev.music.query.song;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the songs' sounds in cells, the index the nearest songs are found with: each song of
 * {@code song_sounds} names its cell, and each cell of {@code sound_cells} has a box that holds the
 * sounds of all its songs. A song is put in a cell whose box holds its sound, or else the nearest
 * (the insert chooses it), the box then grows to take it in, and a cell grown past {@link #MOST} songs is split
 * as {@link SoundPartition} splits. A whole table is partitioned at once by {@link #partitionAll}.
 *
 * <p>The boxes only ever need to hold their songs; they may be larger. That is what lets writers
 * run side by side without waiting for one another's songs:
 * <ul>
 * <li>a cell's row is locked by the transaction that grows or splits it, and the cells of a batch are
 *     locked in the order of their numbers, so that two batches never wait for each other in a circle;</li>
 * <li>a split moves only the songs it could lock without waiting ({@code SKIP LOCKED}); a song another
 *     transaction is writing stays where it is, in a box that holds both its committed sound and, once
 *     that transaction grows the box for it, its new one.</li>
 * </ul>
 */
public final class SoundCells {

    /** The most songs a cell holds before it is split. */
    public static final int MOST = 64;

    private static final String CELL_IDS = "sound_cell_ids";
    private static final int COPY_CHUNK = 10_000;

    private final JdbcTemplate jdbc;
    private final SongTables tables;

    public SoundCells(JdbcTemplate jdbc, SongTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    /**
     * After these songs' sounds were written (new songs, or new features), in the same transaction:
     * grows the boxes of the cells they went into, then splits the cells that grew too large.
     */
    public void placed(Collection<Long> songIds) {
        if (songIds.isEmpty()) {
            return;
        }
        List<Integer> grown = jdbc.queryForList(
                "insert into " + tables.cells() + " (cell, box)"
                        + " select cell, sound_box(sound) from " + tables.sounds()
                        + " where id = any(cast(? as bigint[])) group by cell order by cell"
                        + " on conflict (cell) do update set box = cube_union(" + tables.cells()
                        + ".box, excluded.box) returning cell",
                Integer.class,
                arrayLiteral(songIds));
        List<Integer> crowded = jdbc.queryForList(
                "select cell from " + tables.sounds() + " where cell = any(cast(? as int[]))"
                        + " group by cell having count(*) > ? order by cell",
                Integer.class,
                arrayLiteral(grown),
                MOST);
        if (!crowded.isEmpty()) {
            split(crowded);
        }
    }

    /**
     * Splits cells whose rows this transaction holds into cells of at most {@link #MOST} songs, all
     * in a few statements (a batch of a thousand new songs splits some thirty cells).
     */
    private void split(List<Integer> crowded) {
        String cells = arrayLiteral(crowded);
        Set<Long> movable = new HashSet<>(jdbc.queryForList(
                "select id from " + tables.sounds() + " where cell = any(cast(? as int[])) for update skip locked",
                Long.class,
                cells));
        Map<Integer, Sounds> members = new TreeMap<>();
        jdbc.query(
                "select cell, id, sound::text from " + tables.sounds() + " where cell = any(cast(? as int[]))",
                row -> {
                    members.computeIfAbsent(row.getInt(1), cell -> new Sounds())
                            .add(row.getLong(2), Sound.parse(row.getString(3)));
                },
                cells);
        // In each cell the first part stays; of the others, what could be locked moves to a new
        // cell, and what another transaction is writing stays too. The boxes are then those of
        // the cells' songs.
        List<long[]> newParts = new ArrayList<>();
        for (Sounds sounds : members.values()) {
            List<int[]> parts = sounds.partition().cells(MOST);
            for (int[] part : parts.subList(1, parts.size())) {
                long[] moving = Arrays.stream(part)
                        .mapToLong(sounds::id)
                        .filter(movable::contains)
                        .toArray();
                if (moving.length > 0) {
                    newParts.add(moving);
                }
            }
        }
        if (newParts.isEmpty()) {
            return;
        }
        List<Integer> ids = newCellIds(newParts.size());
        List<Long> movedIds = new ArrayList<>();
        List<Integer> movedCells = new ArrayList<>();
        for (int p = 0; p < newParts.size(); p++) {
            for (long id : newParts.get(p)) {
                movedIds.add(id);
                movedCells.add(ids.get(p));
            }
        }
        jdbc.update(
                "update " + tables.sounds() + " t set cell = m.cell"
                        + " from unnest(cast(? as bigint[]), cast(? as int[])) as m(id, cell) where t.id = m.id",
                arrayLiteral(movedIds),
                arrayLiteral(movedCells));
        jdbc.update(
                "insert into " + tables.cells() + " (cell, box) select cell, sound_box(sound) from " + tables.sounds()
                        + " where cell = any(cast(? as int[])) group by cell",
                arrayLiteral(ids));
        jdbc.update(
                "update " + tables.cells() + " c set box = b.box from (select cell, sound_box(sound) as box from "
                        + tables.sounds() + " where cell = any(cast(? as int[])) group by cell) b"
                        + " where c.cell = b.cell",
                cells);
    }

    /**
     * Partitions every song of the table at once (a migration's or a rebuild's bulk of songs, with no
     * writer beside it): the sounds are read, split into cells, and written again in the order of
     * their cells with the cells' boxes, in the caller's transaction.
     */
    public void partitionAll() {
        Sounds sounds = new Sounds();
        JdbcTemplate reader = new JdbcTemplate(jdbc.getDataSource());
        reader.setFetchSize(COPY_CHUNK);
        reader.query("select id, sound::text from " + tables.sounds(), row -> {
            sounds.add(row.getLong(1), Sound.parse(row.getString(2)));
        });
        List<int[]> cells = sounds.partition().cells(MOST);
        List<Integer> ids = newCellIds(cells.size());
        jdbc.update("truncate " + tables.cells() + ", " + tables.sounds());
        copy("copy " + tables.sounds() + " (id, sound, cell) from stdin", cells.size(), (c, rows) -> {
            for (int sound : cells.get(c)) {
                rows.append(sounds.id(sound))
                        .append('\t')
                        .append(sounds.literal(sound))
                        .append('\t')
                        .append(ids.get(c))
                        .append('\n');
            }
        });
        jdbc.update("insert into " + tables.cells() + " (cell, box) select cell, sound_box(sound) from "
                + tables.sounds() + " group by cell");
    }

    /** Numbers for new cells, from the sequence the serving and a rebuild's tables share. */
    private List<Integer> newCellIds(int count) {
        if (count == 0) {
            return List.of();
        }
        return jdbc.queryForList(
                "select nextval('" + CELL_IDS + "')::int from generate_series(1, ?)", Integer.class, count);
    }

    private interface Rows {
        void append(int item, StringBuilder rows);
    }

    /** A COPY of {@code items} items' rows, sent a chunk at a time rather than built whole. */
    private void copy(String sql, int items, Rows rowsOf) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            try {
                StringBuilder rows = new StringBuilder();
                for (int item = 0; item < items; item++) {
                    rowsOf.append(item, rows);
                    if (rows.length() > COPY_CHUNK * 64 || item == items - 1) {
                        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                        copy.writeToCopy(bytes, 0, bytes.length);
                        rows.setLength(0);
                    }
                }
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            return null;
        });
    }

    private static String arrayLiteral(Collection<?> values) {
        StringJoiner text = new StringJoiner(",", "{", "}");
        values.forEach(value -> text.add(value.toString()));
        return text.toString();
    }

    /** Sounds read from the table: their ids and coordinates, in growing arrays rather than objects. */
    private static final class Sounds {

        private final int dimensions = Sound.FEATURES.size();
        // A cell's worth to begin with: a split reads a few dozen cells of at most MOST songs each.
        private long[] ids = new long[MOST];
        private double[] coordinates = new double[MOST * dimensions];
        private int size;

        void add(long id, Sound sound) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                coordinates = Arrays.copyOf(coordinates, size * 2 * dimensions);
            }
            ids[size] = id;
            sound.copyTo(coordinates, size * dimensions);
            size++;
        }

        long id(int sound) {
            return ids[sound];
        }

        String literal(int sound) {
            return Sound.literal(coordinates, sound * dimensions);
        }

        SoundPartition partition() {
            coordinates = Arrays.copyOf(coordinates, size * dimensions);
            return new SoundPartition(coordinates, dimensions);
        }
    }
}
