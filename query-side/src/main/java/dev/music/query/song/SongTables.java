package dev.music.query.song;

import dev.music.events.AudioFeature;
import java.util.List;

/**
 * The tables a copy of the songs projection lives in: the serving copy, or the one a rebuild
 * fills beside it until it takes over. {@code songs} holds each song with its rating figures;
 * {@code song_rankings} the same figures again, indexed for ordering, so that a rating's update
 * of {@code songs} touches no index there (PostgreSQL then rewrites the row in place, "HOT",
 * without adding entries to the title and feature indexes) and only rankings' small indexes
 * take new entries; {@code song_titles} each title alone, where title terms are matched;
 * {@code song_sounds} each song's {@link Sound} and its cell, {@code sound_cells} the cells' boxes,
 * where the nearest songs are found ({@link SoundCells}).
 */
public record SongTables(
        String songs, String userRatings, String rankings, String titles, String sounds, String cells) {

    /** The tables every search reads. */
    public static final SongTables SERVING =
            new SongTables("songs", "user_ratings", "song_rankings", "song_titles", "song_sounds", "sound_cells");
    /** The tables a rebuild fills. */
    public static final SongTables REBUILD = new SongTables(
            "songs_rebuild",
            "user_ratings_rebuild",
            "song_rankings_rebuild",
            "song_titles_rebuild",
            "song_sounds_rebuild",
            "sound_cells_rebuild");

    private static final String FEATURE_COLUMNS = String.join(
            ", ", AudioFeature.ALL.stream().map(AudioFeature::column).toList());

    /**
     * A plain INSERT, so that the driver rewrites a batch of them into multi-row statements (a
     * data-modifying CTE would go one row per statement); {@link #insertRanking} follows it.
     * Parameters: {@code songId}, {@code spotifyId}, {@code title}, {@code titleWords} (the title's
     * words for ranked search, as an array literal) and each feature's column name.
     */
    String insertSong() {
        return "insert into " + songs + " (id, spotify_id, title, title_words, " + FEATURE_COLUMNS
                + ") values (:songId, :spotifyId, :title, cast(:titleWords as text[]), "
                + String.join(
                        ", ",
                        AudioFeature.ALL.stream().map(f -> ":" + f.column()).toList()) + ")";
    }

    /** A new song's row of rankings, with no ratings yet. Parameter: {@code songId}. */
    String insertRanking() {
        return "insert into " + rankings + " (id) values (:songId)";
    }

    /** A new song's title. Parameters: {@code songId}, {@code title}. */
    String insertTitle() {
        return "insert into " + titles + " (id, title) values (:songId, :title)";
    }

    /**
     * The sounds of several new songs in one statement, each in a cell ({@link #cellFor}), which {@link SoundCells#placed} then grows to hold it: one
     * statement from arrays, since an INSERT that chooses a cell is no plain INSERT the driver could
     * rewrite into multi-row statements, and one row per statement cost nine times as much.
     * Parameters: {@code songIds} and each sound feature's column name, array literals in the same order.
     */
    String insertSounds() {
        List<String> columns = Sound.FEATURES.stream().map(AudioFeature::column).toList();
        return "insert into " + sounds + " (id, sound, cell) select n.id, n.sound, " + cellFor("n.sound")
                + " from (select f.id, song_sound("
                + String.join(
                        ", ", columns.stream().map(column -> "f." + column).toList()) + ") as sound"
                + " from unnest(cast(:songIds as bigint[]), "
                + String.join(
                        ", ",
                        columns.stream()
                                .map(column -> "cast(:" + column + " as float8[])")
                                .toList())
                + ") as f(id, " + String.join(", ", columns) + ")) n";
    }

    /** A song's sound from its new features, rewritten (and placed again) only when it changed. Parameters: {@code songId} and each feature's column name. */
    String updateSound() {
        return "update " + sounds + " set sound = " + Sound.ofBoundFeatures() + ", cell = "
                + cellFor(Sound.ofBoundFeatures()) + " where id = :songId and sound <> " + Sound.ofBoundFeatures();
    }

    /**
     * The cell for a sound: one whose box holds it already (the first the boxes' index finds: a
     * search for a containing box costs a seventh of a walk to the nearest one, measured at 4,500
     * cells), else the one whose box is nearest, or 0 while there is none.
     */
    private String cellFor(String sound) {
        return "coalesce((select c.cell from " + cells + " c where c.box @> " + sound + " limit 1),"
                + " (select c.cell from " + cells + " c order by c.box <-> " + sound + " limit 1), 0)";
    }

    /** Parameters: {@code songId}, {@code title}. */
    String updateTitle() {
        return "update " + titles + " set title = :title where id = :songId and title <> :title";
    }

    /** Parameters: {@code songId}, {@code title}, {@code titleWords} and each feature's column name. */
    String updateSong() {
        return "update " + songs + " set title = :title, title_words = cast(:titleWords as text[]), "
                + String.join(
                        ", ",
                        AudioFeature.ALL.stream()
                                .map(f -> f.column() + " = :" + f.column())
                                .toList())
                + " where id = :songId";
    }

    /** Parameter: {@code songId}. */
    String deleteSong() {
        return "with song as (delete from " + songs + " where id = :songId returning id),"
                + " title as (delete from " + titles + " where id in (select id from song)),"
                + " sound as (delete from " + sounds + " where id in (select id from song))"
                + " delete from " + rankings + " where id in (select id from song)";
    }

    /** Adds ratings and stars to a song's figures. Parameters: {@code songId}, {@code ratings}, {@code stars}. */
    String addRatings() {
        return "with song as (update " + songs + " set total_ratings = total_ratings + :ratings,"
                + " rating_sum = rating_sum + :stars,"
                + " average_rating = " + average("total_ratings + :ratings", "rating_sum + :stars")
                + " where id = :songId"
                + " returning id, total_ratings, average_rating)"
                + " update " + rankings
                + " r set total_ratings = song.total_ratings, average_rating = song.average_rating"
                + " from song where r.id = song.id";
    }

    /**
     * Adds ratings and stars to the figures of several songs in one statement, each song once.
     * Parameters: {@code songIds}, {@code ratings}, {@code stars}: array literals, in the same order.
     */
    String addRatingsTogether() {
        return "with f as (select * from unnest(cast(:songIds as bigint[]), cast(:ratings as int[]),"
                + " cast(:stars as bigint[])) as f(id, ratings, stars)),"
                + " song as (update " + songs + " s set total_ratings = s.total_ratings + f.ratings,"
                + " rating_sum = s.rating_sum + f.stars,"
                + " average_rating = " + average("s.total_ratings + f.ratings", "s.rating_sum + f.stars")
                + " from f where s.id = f.id"
                + " returning s.id, s.total_ratings, s.average_rating)"
                + " update " + rankings
                + " r set total_ratings = song.total_ratings, average_rating = song.average_rating"
                + " from song where r.id = song.id";
    }

    /**
     * Sets the figures of every song in {@code figures} (columns {@code id}, {@code ratings},
     * {@code stars}: the song's totals) at once, for a bulk write; {@link #syncRankings} follows it.
     */
    public String setFigures(String figures) {
        return "update " + songs + " s set total_ratings = f.ratings, rating_sum = f.stars," + " average_rating = "
                + average("f.ratings", "f.stars") + " from " + figures + " f where s.id = f.id";
    }

    /** The average rating, always recomputed from the integer sums so that it carries no rounding from earlier updates. */
    private static String average(String ratings, String stars) {
        return "case when " + ratings + " = 0 then 0 else (" + stars + ")::double precision / (" + ratings + ") end";
    }

    /** Copies the figures of every song whose rankings differ into the rankings table (after a bulk write). */
    public String syncRankings() {
        return "update " + rankings + " r set total_ratings = s.total_ratings, average_rating = s.average_rating"
                + " from " + songs + " s where r.id = s.id"
                + " and (r.total_ratings <> s.total_ratings or r.average_rating <> s.average_rating)";
    }

    /** Parameters: {@code userId}, {@code songId}, {@code stars}, {@code ratedAt}. */
    String upsertUserRating() {
        return "insert into " + userRatings
                + " (user_id, song_id, stars, rated_at) values (:userId, :songId, :stars, :ratedAt)"
                + " on conflict (user_id, song_id) do update set stars = excluded.stars, rated_at = excluded.rated_at";
    }
}
