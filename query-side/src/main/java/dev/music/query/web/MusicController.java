package dev.music.query.web;

import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.ReadRouter;
import dev.music.query.paging.PageRequest;
import dev.music.query.song.SongRow;
import dev.music.query.song.SongSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The catalog read API, compatible with the earlier VivPro Music API. */
@ConditionalOnQuerySide
@Tag(name = "Catalog", description = "the songs, filtered, ordered and paged")
@RestController
class MusicController {

    private final SongSearch songs;
    private final ReadRouter reads;

    MusicController(SongSearch songs, ReadRouter reads) {
        this.songs = songs;
        this.reads = reads;
    }

    @Operation(
            summary = "Search the catalog",
            description = "Filters: title (case-insensitive substring), min_X / max_X / X for average_rating, "
                    + "total_ratings and every audio feature. ordering: comma-separated fields, '-' for descending "
                    + "(default -total_ratings; the id always breaks ties). page (1-based or 'last'), page_size "
                    + "(default 25, at most 100).")
    @GetMapping("/api/music/")
    SongPage list(
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params, HttpServletRequest request) {
        PageRequest page = PageRequest.from(params);
        SongSearch.Page found = reads.read(
                () -> songs.page(SongQueryParameters.filter(params), SongQueryParameters.ordering(params), page));
        long number = found.number();
        if (number < 0) {
            throw ReadProblems.notFound("Invalid page.");
        }
        PageLinks.Around links = PageLinks.around(request, params, number, page.size(), found.count());
        return new SongPage(found.count(), links.next(), links.previous(), found.rows());
    }

    @Operation(
            summary = "One song by its exact title",
            description = "Case-sensitive. Percent-encode the title (/ as %2F, ? as %3F, # as %23, % as %25). "
                    + "Of several songs with the title, the most rated, then the lowest id.")
    @GetMapping("/api/music/{title}/")
    SongRow byTitle(@PathVariable String title) {
        return reads.read(() -> songs.findByTitle(title)).orElseThrow(() -> ReadProblems.notFound("Not found."));
    }

    @Operation(summary = "One song by its Spotify id")
    @GetMapping("/api/songs/{spotifyId}/")
    SongRow bySpotifyId(@PathVariable String spotifyId) {
        return reads.read(() -> songs.findBySpotifyId(spotifyId))
                .orElseThrow(() -> ReadProblems.notFound("Not found."));
    }

    /** A page of songs in the earlier API's shape, with the exact count of every match. */
    record SongPage(
            long count,
            @Schema(nullable = true) String next,
            @Schema(nullable = true) String previous,
            List<SongRow> results) {}
}
