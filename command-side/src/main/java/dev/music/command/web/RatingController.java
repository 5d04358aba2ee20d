package dev.music.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.music.command.CommandSide;
import dev.music.command.rating.RatingService;
import dev.music.command.rating.UnknownAccountException;
import dev.music.command.rating.UnknownSongException;
import dev.music.events.Stars;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/rating/}: a signed-in user rates a song, as the earlier API accepted it. */
@ConditionalOnExpression(CommandSide.ENABLED)
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
    @PostMapping("/api/rating/")
    ResponseEntity<Map<String, Object>> rate(HttpServletRequest request, Principal user) {
        ObjectNode body = RequestBody.read(request);
        long userId = Long.parseLong(user.getName());
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Long songId = song(body, problems);
        Integer score = score(body, problems);
        if (!problems.isEmpty()) {
            throw invalidInput(songId, userId, problems);
        }
        long position;
        try {
            position = ratings.submit(songId, userId, Stars.of(score), AuditMetaData.of(request, userId));
        } catch (UnknownSongException e) {
            throw WriteProblems.invalidInput(Map.of("music", unknownSong(songId)));
        } catch (UnknownAccountException e) {
            throw userNotFound();
        }
        String token = ConsistencyHeaders.token(position, songId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("detail", ACCEPTED);
        answer.put("consistency_token", token);
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(ConsistencyHeaders.TOKEN, token)
                .body(answer);
    }

    /**
     * An invalid rating says all that is wrong with it, as the earlier API did: that the song does
     * not exist too, beside a bad score. A deleted user's token is refused first, as on any route.
     */
    private ErrorResponseException invalidInput(Long songId, long userId, Map<String, List<String>> problems) {
        RuntimeException refusal =
                ratings.refusal(songId == null ? 0 : songId, userId).orElse(null);
        if (refusal instanceof UnknownAccountException) {
            return userNotFound();
        }
        if (refusal instanceof UnknownSongException && songId != null) {
            Map<String, List<String>> withSong = new LinkedHashMap<>();
            withSong.put("music", unknownSong(songId));
            withSong.putAll(problems);
            return WriteProblems.invalidInput(withSong);
        }
        return WriteProblems.invalidInput(problems);
    }

    private static List<String> unknownSong(long songId) {
        return List.of("Invalid pk \"" + songId + "\" - object does not exist.");
    }

    /** As the bearer token's check answers a token whose account is gone. */
    private static ErrorResponseException userNotFound() {
        return WriteProblems.status(HttpStatus.UNAUTHORIZED, "User not found", Map.of("code", "user_not_found"));
    }

    /** The song's id as given, checked for its form here and for its existence with the rating. */
    private static Long song(ObjectNode body, Map<String, List<String>> problems) {
        JsonNode value = Fields.present(body, "music", problems);
        if (value == null) {
            return null;
        }
        Long id = value.isBoolean() || value.isContainerNode() ? null : Fields.integer(value);
        if (id == null) {
            problems.put(
                    "music",
                    List.of("Incorrect type. Expected pk value, received " + RequestBody.pythonType(value) + "."));
        }
        return id;
    }

    private static Integer score(ObjectNode body, Map<String, List<String>> problems) {
        JsonNode value = Fields.present(body, "score", problems);
        if (value == null) {
            return null;
        }
        Long score = Fields.integer(value);
        if (score == null) {
            problems.put("score", List.of(Fields.INVALID_INTEGER));
            return null;
        }
        if (score < Stars.MIN) {
            problems.put("score", List.of("Ensure this value is greater than or equal to " + Stars.MIN + "."));
            return null;
        }
        if (score > Stars.MAX) {
            problems.put("score", List.of("Ensure this value is less than or equal to " + Stars.MAX + "."));
            return null;
        }
        return score.intValue();
    }
}
