package dev.music.query.similar;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.music.query.song.SongRow;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A song near another: in the API, the song's representation, then how far its sound is and what it is closest in. */
public record SimilarSong(
        @JsonUnwrapped SongRow song,

        @Schema(description = "the Euclidean distance between the two songs' sounds")
        double distance,

        @JsonProperty("closest_in")
        @ArraySchema(
                schema = @Schema(description = "a feature of the sound", example = "energy"),
                minItems = 3,
                maxItems = 3,
                arraySchema =
                        @Schema(
                                description =
                                        "the three features of the sound the songs differ least in, closest first"))
        List<String> closestIn) {}
