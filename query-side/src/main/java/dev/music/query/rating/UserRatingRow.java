package dev.music.query.rating;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/** One of a user's current ratings, with the song it rates. */
@JsonPropertyOrder({"music", "spotify_id", "title", "score", "rated_at"})
public record UserRatingRow(
        long music,
        @JsonProperty("spotify_id") String spotifyId,
        String title,
        int score,
        @JsonProperty("rated_at") Instant ratedAt) {}
