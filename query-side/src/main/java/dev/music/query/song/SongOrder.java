package dev.music.query.song;

/** One ordering key of a search: a column from {@link SongColumns}, ascending or descending. */
public record SongOrder(String column, boolean descending) {

    /** The API's default: most rated first. */
    public static final SongOrder DEFAULT = new SongOrder("total_ratings", true);
}
