package dev.music.query.web;

import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.ReadRouter;
import dev.music.query.paging.PageRequest;
import dev.music.query.search.RankedSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/search/}: ranked, typo-tolerant title search. */
@ConditionalOnQuerySide
@Tag(name = "Search", description = "ranked, typo-tolerant title search")
@RestController
class SearchController {

    private final RankedSearch search;
    private final ReadRouter reads;

    SearchController(RankedSearch search, ReadRouter reads) {
        this.search = search;
        this.reads = reads;
    }

    @Operation(
            summary = "Ranked, typo-tolerant title search",
            description = "q (required, at most 200 characters): words, case- and accent-insensitive. Each query word "
                    + "matches a title word that is the same, that it begins (the last query word only), or within its "
                    + "typos: none for words of 1-3 letters, one for 4-7, two for 8 or more (insertion, deletion, "
                    + "substitution, transposition of adjacent letters). Every query word must match. Ranked: the "
                    + "whole title first, then fewer typos, then exact words before a prefix, then the more rated, "
                    + "then the id. min_X / max_X / X filters, page and page_size as for /api/music/. Each result is "
                    + "the song with its score (higher is better) and its title, HTML-escaped, with the matched "
                    + "parts in <mark>. With nothing found, suggestion is a corrected query that finds something, "
                    + "or null.")
    @Parameter(
            name = "q",
            in = ParameterIn.QUERY,
            description = "the search text",
            required = true,
            schema = @Schema(type = "string", maxLength = RankedSearch.MAX_QUERY_LENGTH))
    @GetMapping("/api/search/")
    SearchPage search(
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params, HttpServletRequest request) {
        String query = PageRequest.last(params, "q");
        if (query == null || query.isBlank()) {
            throw ReadProblems.invalidInput(Map.of("q", List.of("This field is required.")));
        }
        if (query.codePointCount(0, query.length()) > RankedSearch.MAX_QUERY_LENGTH) {
            throw ReadProblems.invalidInput(Map.of(
                    "q",
                    List.of("Ensure this field has no more than " + RankedSearch.MAX_QUERY_LENGTH + " characters.")));
        }
        if (query.indexOf('\u0000') >= 0) {
            throw ReadProblems.invalidInput(Map.of("q", List.of("Null characters are not allowed.")));
        }
        PageRequest page = PageRequest.from(params);
        RankedSearch.Page found = reads.read(
                () -> search.search(query, SongQueryParameters.filter(params).conditions(), page));
        long number = found.number();
        if (number < 0) {
            throw ReadProblems.notFound("Invalid page.");
        }
        PageLinks.Around links = PageLinks.around(request, params, number, page.size(), found.count());
        return new SearchPage(found.count(), links.next(), links.previous(), found.hits(), found.suggestion());
    }

    /** A page of hits: the list's shape, and a suggestion (null unless nothing was found and a correction finds something). */
    record SearchPage(
            long count,
            @Schema(nullable = true) String next,
            @Schema(nullable = true) String previous,
            List<RankedSearch.Hit> results,

            @Schema(
                    nullable = true,
                    description = "a corrected query that finds something, when this one found nothing")
            String suggestion) {}
}
