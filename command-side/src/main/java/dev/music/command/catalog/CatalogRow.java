package dev.music.command.catalog;

import dev.music.events.AudioFeatures;
import dev.music.events.SpotifyId;

/** One song of a catalog file: its row index in the file and its details. */
public record CatalogRow(long rowIndex, SpotifyId spotifyId, String title, AudioFeatures features) {}
