package dev.music.query.song;

import dev.music.events.AudioFeature;

/**
 * The pair of tables a copy of the songs projection lives in: the serving copy, or the one a
 * rebuild fills beside it until it takes over.
 */
public record SongTables(String songs, String userRatings) {

    /** The tables every search reads. */
    public static final SongTables SERVING = new SongTables("songs", "user_ratings");
    /** The tables a rebuild fills. */
    public static final SongTables REBUILD = new SongTables("songs_rebuild", "user_ratings_rebuild");

    private static final String FEATURE_COLUMNS = String.join(", ",
            AudioFeature.ALL.stream().map(AudioFeature::column).toList());

    String insertSong() {
        return "insert into " + songs + " (id, spotify_id, title, " + FEATURE_COLUMNS + ") values (?, ?, ?"
                + ", ?".repeat(AudioFeature.ALL.size()) + ")";
    }

    String updateSong() {
        return "update " + songs + " set title = ?, "
                + String.join(", ", AudioFeature.ALL.stream().map(f -> f.column() + " = ?").toList()) + " where id = ?";
    }

    String deleteSong() {
        return "delete from " + songs + " where id = ?";
    }

    /** Adds ratings and stars to a song's figures; the average is recomputed from the integer sums. */
    String addRatings() {
        return "update " + songs + " set total_ratings = total_ratings + ?, rating_sum = rating_sum + ?,"
                + " average_rating = case when total_ratings + ? = 0 then 0"
                + " else (rating_sum + ?)::double precision / (total_ratings + ?) end where id = ?";
    }

    String upsertUserRating() {
        return "insert into " + userRatings + " (user_id, song_id, stars, rated_at) values (?, ?, ?, ?)"
                + " on conflict (user_id, song_id) do update set stars = excluded.stars, rated_at = excluded.rated_at";
    }
}
