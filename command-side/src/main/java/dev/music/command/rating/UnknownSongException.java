package dev.music.command.rating;

/** The rated song is not in the catalog, or was removed from it. */
public class UnknownSongException extends RuntimeException {

    public UnknownSongException(long songId) {
        super("song " + songId + " is not in the catalog", null, false, false);
    }
}
