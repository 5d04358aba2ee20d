package dev.music.command.rating;

/** The rated song is not in the catalog, or was removed from it. */
public final class UnknownSongException extends RatingRefusedException {

    private final long songId;

    public UnknownSongException(long songId) {
        super("song " + songId + " is not in the catalog");
        this.songId = songId;
    }

    public long songId() {
        return songId;
    }
}
