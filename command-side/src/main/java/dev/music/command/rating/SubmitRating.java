package dev.music.command.rating;

import dev.music.events.Stars;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A user gives a song a number of stars, replacing any earlier rating of theirs for it. */
public record SubmitRating(
        @TargetAggregateIdentifier String ratingId, long songId, long userId, Stars stars, Instant at) {

    public SubmitRating(long songId, long userId, Stars stars, Instant at) {
        this(Rating.idFor(songId, userId), songId, userId, stars, at);
    }
}
