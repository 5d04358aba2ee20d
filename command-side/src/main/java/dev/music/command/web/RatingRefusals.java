package dev.music.command.web;

import dev.music.command.rating.RatingRefusedException;
import dev.music.command.rating.UnknownAccountException;
import dev.music.command.rating.UnknownSongException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * How a rating that {@code RatingChecks} refused is answered, whether it was submitted or its body
 * had problems: the direct route hands every refusal to the controller, which answers it here.
 */
final class RatingRefusals {

    private RatingRefusals() {}

    /**
     * A removed account's token is refused first, as on any route. An unknown song is named beside
     * the body's other problems, as the earlier API said all that was wrong with a rating; unless
     * the song's field has a problem of its own, in which case there was no song to look up.
     */
    static ErrorResponseException answer(Optional<RatingRefusedException> refusal, Map<String, List<String>> problems) {
        if (refusal.isEmpty()) {
            return WriteProblems.invalidInput(problems);
        }
        if (refusal.get() instanceof UnknownAccountException) {
            return WriteProblems.status(HttpStatus.UNAUTHORIZED, "User not found", Map.of("code", "user_not_found"));
        }
        if (problems.containsKey(RatingRequest.SONG)) {
            return WriteProblems.invalidInput(problems);
        }
        long songId = ((UnknownSongException) refusal.get()).songId();
        Map<String, List<String>> withSong = new LinkedHashMap<>();
        withSong.put(RatingRequest.SONG, List.of("Invalid pk \"" + songId + "\" - object does not exist."));
        withSong.putAll(problems);
        return WriteProblems.invalidInput(withSong);
    }

    static ErrorResponseException answer(RatingRefusedException refusal) {
        return answer(Optional.of(refusal), Map.of());
    }
}
