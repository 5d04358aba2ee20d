package dev.music.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.music.command.CommandSide;
import dev.music.command.rating.RatingService;
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
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Long songId = song(body, problems);
        Integer score = score(body, problems);
        if (!problems.isEmpty()) {
            throw WriteProblems.invalidInput(problems);
        }
        long userId = Long.parseLong(user.getName());
        long position = ratings.submit(songId, userId, Stars.of(score), AuditMetaData.of(request, userId));
        String token = ConsistencyHeaders.token(position, songId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("detail", ACCEPTED);
        answer.put("consistency_token", token);
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(ConsistencyHeaders.TOKEN, token)
                .body(answer);
    }

    private Long song(ObjectNode body, Map<String, List<String>> problems) {
        JsonNode value = Fields.present(body, "music", problems);
        if (value == null) {
            return null;
        }
        Long id = value.isBoolean() || value.isContainerNode() ? null : Fields.integer(value);
        if (id == null) {
            problems.put(
                    "music",
                    List.of("Incorrect type. Expected pk value, received " + RequestBody.pythonType(value) + "."));
            return null;
        }
        if (!ratings.songExists(id)) {
            problems.put("music", List.of("Invalid pk \"" + id + "\" - object does not exist."));
            return null;
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
