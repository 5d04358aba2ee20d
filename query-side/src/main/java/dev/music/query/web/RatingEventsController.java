package dev.music.query.web;

import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.live.RatingBroadcaster;
import io.swagger.v3.oas.annotations.Operation;
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
    SseEmitter ratings(@RequestParam(required = false) String song) {
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
