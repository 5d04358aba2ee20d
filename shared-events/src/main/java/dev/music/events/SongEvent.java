package dev.music.events;

/**
 * An event about one song. Projectors process the events of one song in order, and the songs
 * in parallel, by this id.
 */
public interface SongEvent {

    long songId();
}
