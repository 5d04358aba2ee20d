package dev.music.events;

import org.axonframework.serialization.Revision;

/** A song's title or audio features were corrected; the event carries the full new details. */
@Revision("1")
public record SongDetailsCorrected(long songId, SpotifyId spotifyId, String title, AudioFeatures features)
        implements SongEvent {}
