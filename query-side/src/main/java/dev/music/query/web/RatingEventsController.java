package dev.music.query.web;

import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.live.RatingBroadcaster;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/events/ratings/}: live rating figures as Server-Sent Events. */
@ConditionalOnQuerySide
@Tag(name = "Live")
@RestController
class RatingEventsController {

    /** A stream ends after this long; EventSource clients reconnect by themselves. */
    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

    private final RatingBroadcaster broadcaster;

    RatingEventsController(RatingBroadcaster broadcaster) {
        this.broadcaster = broadcaster;
    }

    @Operation(
            summary = "Live rating figures",
            description = "Server-Sent Events named 'rating' with data "
                    + "{id, spotify_id, average_rating, total_ratings}, sent as the projection applies new ratings. "
                    + "?song=<id> for one song.")
    @GetMapping(value = "/api/events/ratings/", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ApiResponse(
            responseCode = "200",
            description = "an endless stream of `rating` events",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = "string")))
    SseEmitter ratingEvents(
            @Parameter(description = "a song's id: its events alone") @RequestParam(required = false) String song) {
        Long songId = null;
        if (song != null && !song.isBlank()) {
            try {
                songId = Long.parseLong(song.strip());
            } catch (NumberFormatException e) {
                throw ReadProblems.invalidInput(Map.of("song", List.of("A valid integer is required.")));
            }
        }
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        broadcaster.listen(emitter, songId);
        try {
            emitter.send(SseEmitter.event().comment("listening")); // the client sees the stream open at once
        } catch (java.io.IOException e) {
            emitter.completeWithError(e);
        }
        return emitter;
    }
}
