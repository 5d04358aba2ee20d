package dev.music.events;

import org.axonframework.serialization.Revision;

/** A song left the catalog: it is no longer found or rated; its rating history stays. */
@Revision("1")
public record SongRemovedFromCatalog(long songId, SpotifyId spotifyId) implements SongEvent {}
