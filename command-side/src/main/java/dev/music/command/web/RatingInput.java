package dev.music.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.music.events.Stars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rating's body checked as the earlier API checked it: the song's id for its form (its
 * existence is checked with the rating) and the score, with a message per field that is wrong.
 *
 * @param songId the song's id, or null when it is missing or not an id
 * @param score the score, or null when it is missing or out of range
 */
record RatingInput(Long songId, Integer score, Map<String, List<String>> problems) {

    /** The song's field: the earlier API called it {@code music}. */
    static final String SONG = "music";

    static RatingInput of(ObjectNode body) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Long songId = song(body, problems);
        Integer score = score(body, problems);
        return new RatingInput(songId, score, problems);
    }

    private static Long song(ObjectNode body, Map<String, List<String>> problems) {
        JsonNode value = Fields.present(body, SONG, problems);
        if (value == null) {
            return null;
        }
        Long id = value.isBoolean() || value.isContainerNode() ? null : Fields.integer(value);
        if (id == null) {
            problems.put(
                    SONG,
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
