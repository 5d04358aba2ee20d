package dev.music.command.catalog;

import dev.music.events.AudioFeature;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/** Correct a song's title (when not null) and some of its audio features; the rest stays. */
public record CorrectSongDetails(@TargetAggregateIdentifier String spotifyId, String title,
                                 Map<AudioFeature, Double> features) {

    public CorrectSongDetails {
        features = Map.copyOf(features);
    }
}
