package dev.music.command.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.music.command.ConditionalOnCommandSide;
import dev.music.command.rating.RatingRefusedException;
import dev.music.command.rating.RatingService;
import dev.music.eventstore.ConsistencyToken;
import dev.music.eventstore.GroupCommit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/rating/}: a signed-in user rates a song, as the earlier API accepted it. */
@ConditionalOnCommandSide
@Tag(name = "Ratings", description = "rate songs, one rating per user and song")
@RestController
class RatingController {

    static final String ACCEPTED = "Rating submitted successfully and is being processed.";

    private final RatingService ratings;

    RatingController(RatingService ratings) {
        this.ratings = ratings;
    }

    @Operation(
            summary = "Rate a song",
            description = "Body {\"music\": <song id>, \"score\": 1..5}. One rating per user and song; rating again "
                    + "replaces the score. Answers a consistency_token: send it back as X-Consistency-Token on a read "
                    + "to see this rating in it.")
    @ApiResponse(
            responseCode = "201",
            description = "stored: the rating's consistency token",
            headers =
                    @Header(
                            name = "X-Consistency-Token",
                            description = "the consistency token, as in the body",
                            schema = @Schema(type = "string")))
    @PostMapping("/api/rating/")
    ResponseEntity<RatingAccepted> rate(
            @CompatibleBody
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = RatingRequest.class)))
                    Bound<RatingRequest> body,
            HttpServletRequest request,
            Principal user) {
        long userId = Long.parseLong(user.getName());
        if (!body.isValid()) {
            throw invalidInput(body, userId);
        }
        RatingRequest rating = body.request();
        long position;
        try {
            position = ratings.submit(rating.music(), userId, rating.stars(), AuditMetaData.of(request, userId));
        } catch (RatingRefusedException e) {
            throw RatingRefusals.answer(e);
        } catch (GroupCommit.QueueFull e) {
            throw WriteProblems.busy();
        }
        String token = ConsistencyToken.of(position, rating.music()).toString();
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(ConsistencyToken.HEADER, token)
                .body(new RatingAccepted(ACCEPTED, token));
    }

    /** An invalid rating is checked all the same, so that its answer says all that is wrong with it. */
    private ErrorResponseException invalidInput(Bound<RatingRequest> body, long userId) {
        Long songId = body.request().music();
        return RatingRefusals.answer(ratings.refusal(songId == null ? 0 : songId, userId), body.problems());
    }

    /** A rating stored: the token a read sends back to see it applied. */
    record RatingAccepted(
            @Schema(example = ACCEPTED) String detail,

            @JsonProperty("consistency_token") @Schema(example = "101:1")
            String consistencyToken) {}
}
