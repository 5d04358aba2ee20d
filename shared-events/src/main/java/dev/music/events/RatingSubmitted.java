package dev.music.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A user rated a song. {@code previousStars} is the user's earlier rating of the song that this
 * one replaces, or null for the user's first rating of it: a projector keeps sums and counts
 * from these alone, without recounting.
 */
@Revision("1")
public record RatingSubmitted(long songId, long userId, Stars stars, Stars previousStars, Instant at)
        implements SongEvent {}
