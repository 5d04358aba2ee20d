package dev.music.query.rebuild;

import dev.music.query.song.SongTables;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tables a rebuild fills beside the serving ones: created with the serving tables' columns
 * and defaults but no index (rows go in faster without them), given the serving tables' indexes
 * and constraints, by their definitions in the database, once the bulk of the events is in, and
 * finally renamed into place. The migrations stay the only place the schema is written down.
 */
final class ShadowTables {

    private static final String SUFFIX = "_rebuild";

    private final JdbcTemplate jdbc;

    ShadowTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Drops what an earlier, interrupted rebuild left and creates empty tables without indexes. */
    void create() {
        drop();
        for (Pair pair : pairs()) {
            jdbc.execute("create table " + pair.shadow() + " (like " + pair.serving() + " including defaults)"
                    + storageParameters(pair.serving()));
        }
    }

    void drop() {
        for (Pair pair : pairs()) {
            jdbc.execute("drop table if exists " + pair.shadow());
        }
    }

    /** Gives the new tables the serving tables' constraints (primary and unique keys) and indexes. */
    void createIndexes() {
        for (Pair pair : pairs()) {
            for (Index index : indexes(pair.serving())) {
                jdbc.execute(
                        index.constraint()
                                ? "alter table " + pair.shadow() + " add constraint " + index.name() + SUFFIX + " "
                                        + index.definition()
                                : index.definition()
                                        .replaceFirst(
                                                "^CREATE (UNIQUE )?INDEX \\S+ ON \\S+ ",
                                                "CREATE $1INDEX " + index.name() + SUFFIX + " ON " + pair.shadow()
                                                        + " "));
            }
            jdbc.execute("analyze " + pair.shadow());
        }
    }

    /** Rewrites the new tables without their dead rows; outside a transaction, before {@link #createIndexes}. */
    void compact() {
        jdbc.execute("vacuum full "
                + String.join(", ", pairs().stream().map(Pair::shadow).toList()));
    }

    /**
     * Puts the new tables in the serving tables' place, with their indexes under the serving
     * names and the serving tables' triggers (which the rebuild's bulk writes did without), and
     * drops the old ones. Runs in the caller's transaction, which must hold both
     * serving tables locked.
     */
    void swapIn() {
        for (Pair pair : pairs()) {
            List<Index> indexes = indexes(pair.serving());
            List<String> triggers = triggers(pair.serving());
            jdbc.execute("drop table " + pair.serving());
            jdbc.execute("alter table " + pair.shadow() + " rename to " + pair.serving());
            triggers.forEach(jdbc::execute);
            for (Index index : indexes) {
                jdbc.execute(
                        index.constraint()
                                ? "alter table " + pair.serving() + " rename constraint " + index.name() + SUFFIX
                                        + " to " + index.name()
                                : "alter index " + index.name() + SUFFIX + " rename to " + index.name());
            }
        }
    }

    /** The serving table's storage parameters (its fillfactor), as a WITH clause. */
    private String storageParameters(String table) {
        String[] options = jdbc.queryForObject(
                "select reloptions from pg_class where oid = ?::regclass",
                (row, n) -> {
                    java.sql.Array array = row.getArray(1);
                    return array == null ? new String[0] : (String[]) array.getArray();
                },
                table);
        return options.length == 0 ? "" : " with (" + String.join(", ", options) + ")";
    }

    /** A table's indexes: those behind a constraint with the constraint's definition, the others with theirs. */
    private List<Index> indexes(String table) {
        List<Index> indexes = new ArrayList<>(
                jdbc.query("""
                select conname, pg_get_constraintdef(oid) from pg_constraint
                where conrelid = ?::regclass and contype in ('p', 'u') order by conname""", (row, n) -> new Index(row.getString(1), row.getString(2), true), table));
        indexes.addAll(jdbc.query("""
                select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) from pg_index i
                where i.indrelid = ?::regclass
                  and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
                order by 1""", (row, n) -> new Index(row.getString(1), row.getString(2), false), table));
        return indexes;
    }

    /** The definitions of a table's own triggers, which name it by its name: they apply to whichever table then has it. */
    private List<String> triggers(String table) {
        return jdbc.queryForList(
                "select pg_get_triggerdef(oid) from pg_trigger where tgrelid = ?::regclass and not tgisinternal"
                        + " order by tgname",
                String.class,
                table);
    }

    private static List<Pair> pairs() {
        return List.of(
                new Pair(SongTables.SERVING.songs(), SongTables.REBUILD.songs()),
                new Pair(SongTables.SERVING.userRatings(), SongTables.REBUILD.userRatings()),
                new Pair(SongTables.SERVING.rankings(), SongTables.REBUILD.rankings()),
                new Pair(SongTables.SERVING.titles(), SongTables.REBUILD.titles()),
                new Pair(SongTables.SERVING.sounds(), SongTables.REBUILD.sounds()),
                new Pair(SongTables.SERVING.cells(), SongTables.REBUILD.cells()));
    }

    private record Pair(String serving, String shadow) {}

    private record Index(String name, String definition, boolean constraint) {}
}
