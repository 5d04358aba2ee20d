package dev.music.query.song;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code catalog_state} row: how many songs the catalog holds and the version of its rows,
 * which the database's own triggers on {@code songs} keep as rows are added, corrected and
 * removed (not as they are rated). The epoch tells one database's versions from another's.
 */
public record CatalogState(String epoch, long version, long songs) {

    static final String READ = "select epoch::text, version, songs from catalog_state";

    static CatalogState read(JdbcTemplate jdbc) {
        return jdbc.queryForObject(
                READ, (row, n) -> new CatalogState(row.getString(1), row.getLong(2), row.getLong(3)));
    }

    /**
     * Counts the songs again and moves the version on: after a rebuild has put new tables in
     * place, whose bulk writes the triggers did not see. In the caller's transaction.
     */
    public static void recount(JdbcTemplate jdbc) {
        jdbc.update("update catalog_state set songs = (select count(*) from songs), version = version + 1");
    }
}
