package dev.music.command.catalog;

/** A command addressed a song that was removed from the catalog. */
public class SongRemovedException extends RuntimeException {

    public SongRemovedException(String spotifyId) {
        super("song " + spotifyId + " was removed from the catalog");
    }
}
