package dev.music.query.song;

import dev.music.query.projection.ProcessorTables;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a count depends on, read in one statement: the {@code catalog_state} row (how many songs
 * the catalog holds and the version of its rows, which the database's own triggers on
 * {@code songs} keep as rows are added, corrected and removed, not as they are rated; the epoch
 * tells one database's versions from another's) and the songs projector's position (its tokens,
 * written in the transactions of the rows they stand for), which moves whenever the rating
 * figures may have changed.
 */
public record CatalogState(String epoch, long version, long songs, String figures) {

    /** The columns of the state, from {@code catalog_state c}. */
    public static final String COLUMNS = "c.epoch::text as catalog_epoch, c.version as catalog_version,"
            + " c.songs as catalog_songs, (select coalesce(md5(string_agg(t.token, ''::bytea order by t.segment)), '')"
            + " from " + ProcessorTables.TOKENS + " t where t.processor_name = '" + SongProjection.NAME
            + "') as catalog_figures";

    static final String READ = "select " + COLUMNS + " from catalog_state c";

    /** The catalog's row alone, without the projector's position: {@code figures} empty. */
    public static final String CATALOG_COLUMNS = "c.epoch::text as catalog_epoch, c.version as catalog_version,"
            + " c.songs as catalog_songs, '' as catalog_figures";

    private static final String READ_CATALOG = "select " + CATALOG_COLUMNS + " from catalog_state c";

    public static CatalogState read(JdbcTemplate jdbc) {
        return jdbc.queryForObject(READ, (row, n) -> of(row));
    }

    /**
     * The state without the projector's position, which only counts with a rating condition
     * depend on: the list's every page reads the state, and hashing the tokens was a good part of
     * that read.
     */
    public static CatalogState readCatalog(JdbcTemplate jdbc) {
        return jdbc.queryForObject(READ_CATALOG, (row, n) -> of(row));
    }

    /** The state from a row that holds {@link #COLUMNS}. */
    public static CatalogState of(ResultSet row) throws SQLException {
        return new CatalogState(
                row.getString("catalog_epoch"),
                row.getLong("catalog_version"),
                row.getLong("catalog_songs"),
                row.getString("catalog_figures"));
    }

    /**
     * Counts the songs again and moves the version on: after a rebuild has put new tables in
     * place, whose bulk writes the triggers did not see. In the caller's transaction.
     */
    public static void recount(JdbcTemplate jdbc) {
        jdbc.update("update catalog_state set songs = (select count(*) from songs), version = version + 1");
    }
}
