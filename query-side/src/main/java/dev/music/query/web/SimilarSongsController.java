package dev.music.query.web;

import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.ReadRouter;
import dev.music.query.similar.Recommendation;
import dev.music.query.similar.Recommendations;
import dev.music.query.similar.SimilarSong;
import dev.music.query.similar.SimilarSongs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/songs/{spotify_id}/similar/} and {@code GET /api/me/recommendations/}: songs by
 * their sound. Their {@code limit} is described with the other shared parameters ({@link ReadRoutesDocument}).
 */
@ConditionalOnQuerySide
@Tag(name = "Similar songs", description = "songs that sound alike, and songs for a listener")
@RestController
class SimilarSongsController {

    private static final String SOUND = "A song's sound is 8 numbers in [0, 1]: danceability, energy, acousticness, "
            + "instrumentalness, liveness, valence, (loudness + 60) / 60 and tempo / 250 (the last two clipped "
            + "to [0, 1]); distance is Euclidean over the 8. Exact nearest neighbours, by ascending distance, "
            + "ties by ascending id.";

    private final SimilarSongs similar;
    private final Recommendations recommendations;
    private final ReadRouter reads;

    SimilarSongsController(SimilarSongs similar, Recommendations recommendations, ReadRouter reads) {
        this.similar = similar;
        this.recommendations = recommendations;
        this.reads = reads;
    }

    @Operation(
            summary = "Songs that sound like this one",
            description = "The nearest songs to this one, itself left out. " + SOUND + " Each is the song, its "
                    + "distance and closest_in: the three features of the sound the two songs differ least in, "
                    + "closest first (ties in the order above).")
    @GetMapping("/api/songs/{spotifyId}/similar/")
    SimilarSongList similar(
            @PathVariable String spotifyId,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
        int limit = ResultLimit.from(params);
        return new SimilarSongList(
                reads.read(() -> similar.of(spotifyId, limit)).orElseThrow(() -> ReadProblems.notFound("Not found.")));
    }

    @Operation(
            summary = "Songs for me",
            description = "The caller's taste is the mean sound of the songs they now rate 4 or 5 stars; the "
                    + "answer is the nearest songs to it that they have not rated. " + SOUND + " Each is the song, "
                    + "its distance to the taste and because: the liked song nearest to it (of equally near ones "
                    + "the lowest id). With nothing rated 4 or 5: the most rated songs they have not rated "
                    + "(-total_ratings, then id), with distance and because null.")
    @GetMapping("/api/me/recommendations/")
    RecommendationList recommendations(
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params, Principal user) {
        int limit = ResultLimit.from(params);
        long userId = Long.parseLong(user.getName());
        return new RecommendationList(reads.read(() -> recommendations.of(userId, limit)));
    }

    /** The songs like one song, nearest first. */
    record SimilarSongList(List<SimilarSong> results) {}

    /** The songs for the caller, nearest to their taste first (most rated first when they like nothing yet). */
    record RecommendationList(List<Recommendation> results) {}
}
