package dev.music.command.catalog;

import dev.music.events.AudioFeature;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Correct a song's title (when not null) and some of its audio features; the rest stays. */
public record CorrectSongDetails(
        @TargetAggregateIdentifier String spotifyId, String title, Map<AudioFeature, Double> features) {

    public CorrectSongDetails {
        features = Map.copyOf(features);
    }
}
