package dev.music.command.catalog;

import dev.music.events.AudioFeatures;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a song's title and audio features. */
public record CorrectSongDetails(@TargetAggregateIdentifier String spotifyId, String title, AudioFeatures features) {
}
