package dev.music.command.catalog;

import dev.music.events.AudioFeatures;
import java.sql.Array;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The command side's lookup of known songs, for set-based checks (does this song exist, is this
 * row new). Always written in the transaction that appends the catalog events it reflects.
 */
@Repository
public class KnownSongs {

    /** The advisory lock key that catalog writers share. */
    private static final long CATALOG_LOCK = 0x6361_7461_6c6fL;

    private final JdbcTemplate jdbc;

    public KnownSongs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isEmpty() {
        return !Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from known_songs)", Boolean.class));
    }

    /** The numeric id of a known song (removed or not); 0 when unknown. */
    public long songIdOf(String spotifyId) {
        return jdbc
                .query("select song_id from known_songs where spotify_id = ?", (rs, n) -> rs.getLong(1), spotifyId)
                .stream()
                .findFirst()
                .orElse(0L);
    }

    Map<String, KnownSong> findBySpotifyIds(Collection<String> spotifyIds) {
        Map<String, KnownSong> found = new HashMap<>();
        jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(
                            "select spotify_id, song_id, details_hash, removed from known_songs where spotify_id = any (?)");
                    Array ids = connection.createArrayOf("varchar", spotifyIds.toArray());
                    statement.setArray(1, ids);
                    return statement;
                },
                row -> {
                    found.put(
                            row.getString(1),
                            new KnownSong(row.getString(1), row.getLong(2), row.getBytes(3), row.getBoolean(4)));
                });
        return found;
    }

    /** Takes {@code count} fresh numeric ids, in ascending order. */
    long[] nextSongIds(int count) {
        return jdbc.queryForList("select nextval('song_id_seq') from generate_series(1, ?)", Long.class, count).stream()
                .mapToLong(Long::longValue)
                .sorted()
                .toArray();
    }

    void insertAll(List<KnownSong> songs) {
        jdbc.batchUpdate(
                "insert into known_songs (spotify_id, song_id, details_hash, removed) values (?, ?, ?, false)",
                songs,
                1000,
                (statement, song) -> {
                    statement.setString(1, song.spotifyId());
                    statement.setLong(2, song.songId());
                    statement.setBytes(3, song.detailsHash());
                });
    }

    void updateDetails(String spotifyId, String title, AudioFeatures features) {
        jdbc.update(
                "update known_songs set details_hash = ? where spotify_id = ?",
                SongDetailsHash.of(title, features),
                spotifyId);
    }

    void markRemoved(String spotifyId) {
        jdbc.update("update known_songs set removed = true where spotify_id = ?", spotifyId);
    }

    /** Serializes catalog writers (imports, edits) for the rest of the current transaction. */
    public void lockForCatalogChange() {
        jdbc.query("select pg_advisory_xact_lock(?)", row -> null, CATALOG_LOCK);
    }
}
