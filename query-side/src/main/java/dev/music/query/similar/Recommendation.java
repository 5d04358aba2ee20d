package dev.music.query.similar;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.music.query.song.SongRow;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A song for a listener: in the API, the song's representation, then how far its sound is from
 * the listener's taste and the liked song it is nearest to; both null for a listener who likes
 * nothing yet, who is offered the most rated songs.
 */
public record Recommendation(
        @JsonUnwrapped SongRow song,

        @Schema(
                nullable = true,
                description = "the Euclidean distance between the song's sound and the listener's taste;"
                        + " null when the listener likes nothing yet")
        Double distance,

        @Schema(
                nullable = true,
                description = "the liked song whose sound is nearest to this one; null when the listener"
                        + " likes nothing yet")
        LikedSong because) {}
