package dev.music.events;

import org.axonframework.serialization.Revision;

/**
 * A song entered the catalog. {@code songId} is the catalog's numeric id, assigned once by the
 * command side, so that every rebuild of the read model reproduces it.
 */
@Revision("1")
public record SongAddedToCatalog(long songId, SpotifyId spotifyId, String title, AudioFeatures features)
        implements SongEvent {}
