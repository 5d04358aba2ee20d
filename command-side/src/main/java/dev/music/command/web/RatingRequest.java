package dev.music.command.web;

import dev.music.events.Stars;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/rating/}'s body, read alike on the controller's route and the direct one: the
 * song's id in its form (whether the song exists is the rating's check) and the score.
 *
 * @param music the song's id; null when it is missing or not an id
 * @param score the stars; null when missing or out of range
 */
record RatingRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the song's id", example = "1")
        Long music,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", maximum = "5", example = "5")
        Integer score) {

    /** The song's field: the earlier API called it {@code music}. */
    static final String SONG = "music";

    static final BodySpec<RatingRequest> SPEC =
            fields -> new RatingRequest(fields.primaryKey(SONG), fields.integer("score", Stars.MIN, Stars.MAX));

    Stars stars() {
        return Stars.of(score);
    }
}
