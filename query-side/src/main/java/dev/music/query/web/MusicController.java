package dev.music.query.web;

import dev.music.query.QuerySide;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import dev.music.query.song.SongFilter;
import dev.music.query.song.SongOrder;
import dev.music.query.song.SongRow;
import dev.music.query.song.SongSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.util.MultiValueMap;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The catalog read API, compatible with the earlier VivPro Music API. */
@ConditionalOnExpression(QuerySide.ENABLED)
@RestController
class MusicController {

    private final SongSearch songs;

    MusicController(SongSearch songs) {
        this.songs = songs;
    }

    @Operation(summary = "Search the catalog",
            description = "Filters: title (case-insensitive substring), min_X / max_X / X for average_rating, "
                    + "total_ratings and every audio feature. ordering: comma-separated fields, '-' for descending "
                    + "(default -total_ratings; the id always breaks ties). page (1-based or 'last'), page_size "
                    + "(default 25, at most 100).")
    @GetMapping("/api/music/")
    SongPage list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
                  HttpServletRequest request) {
        SongFilter filter = SongQueryParameters.filter(params);
        List<SongOrder> ordering = SongQueryParameters.ordering(params);
        PageRequest page = PageRequest.from(params);
        long requested = page.requested();
        SongSearch.Page few = requested < 1 ? null
                : songs.fewMatches(filter, ordering, (requested - 1) * page.size(), page.size()).orElse(null);
        if (few != null) {
            return answer(request, params, page, few.count(), page.number(few.count().value()), few.rows());
        }
        // No title, or more title matches than are counted exactly.
        SongSearch.Count count = requested >= 1 && filter.titleContains() != null
                ? songs.estimateBeyondLimit(filter) : songs.count(filter);
        long number = page.number(count.value());
        if (!count.exact() && (page.isLast() || number < 0)) {
            // the last page, or one past the estimate, is where the exact count says
            count = new SongSearch.Count(songs.exactCount(filter), true);
            number = page.number(count.value());
        }
        List<SongRow> results = number < 0 ? List.of()
                : songs.find(filter, ordering, count.value(), (number - 1) * page.size(), page.size());
        if (!count.exact() && results.isEmpty() && number > 1) {
            // an estimate past the end: the exact count decides whether the page exists
            count = new SongSearch.Count(songs.exactCount(filter), true);
            number = page.number(count.value());
        }
        return answer(request, params, page, count, number, results);
    }

    private static SongPage answer(HttpServletRequest request, MultiValueMap<String, String> params, PageRequest page,
                                   SongSearch.Count count, long number, List<SongRow> results) {
        if (number < 0) {
            throw ApiProblems.notFound("Invalid page.");
        }
        boolean hasNext = number * page.size() < count.value();
        String next = hasNext ? PageLinks.to(request, params, number + 1) : null;
        String previous = number > 1 ? PageLinks.to(request, params, number == 2 ? null : number - 1) : null;
        return new SongPage(count.value(), count.exact() ? null : false, next, previous, results);
    }

    @Operation(summary = "One song by its exact title",
            description = "Case-sensitive. Percent-encode the title (/ as %2F, ? as %3F, # as %23, % as %25). "
                    + "Of several songs with the title, the most rated, then the lowest id.")
    @GetMapping("/api/music/{title}/")
    SongRow byTitle(@PathVariable String title) {
        return songs.findByTitle(title).orElseThrow(() -> ApiProblems.notFound("Not found."));
    }

    @Operation(summary = "One song by its Spotify id")
    @GetMapping("/api/songs/{spotifyId}/")
    SongRow bySpotifyId(@PathVariable String spotifyId) {
        return songs.findBySpotifyId(spotifyId).orElseThrow(() -> ApiProblems.notFound("Not found."));
    }

    /**
     * A page of songs in the earlier API's shape; {@code count_exact} (false) appears only when the
     * count is an estimate, for filters that keep more songs than are counted exactly.
     */
    record SongPage(long count,
                    @JsonProperty("count_exact") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean countExact,
                    String next, String previous,
                    List<SongRow> results) {
    }
}
