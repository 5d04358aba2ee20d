package dev.music.query.web;

import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.ReadRouter;
import dev.music.query.paging.PageRequest;
import dev.music.query.rating.UserRatingRow;
import dev.music.query.rating.UserRatings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me/ratings/}: the caller's own ratings, newest first, paginated like the catalog. */
@ConditionalOnQuerySide
@Tag(name = "Ratings")
@RestController
class MyRatingsController {

    private final UserRatings ratings;
    private final ReadRouter reads;

    MyRatingsController(UserRatings ratings, ReadRouter reads) {
        this.ratings = ratings;
        this.reads = reads;
    }

    @Operation(
            summary = "My ratings",
            description = "The caller's current rating of each song they rated, newest "
                    + "first. page and page_size as for /api/music/.")
    @GetMapping("/api/me/ratings/")
    RatingPage mine(
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
            HttpServletRequest request,
            Principal user) {
        long userId = Long.parseLong(user.getName());
        PageRequest page = PageRequest.from(params);
        long count = reads.read(() -> ratings.count(userId));
        long number = page.number(count);
        if (number < 0) {
            throw ReadProblems.notFound("Invalid page.");
        }
        List<UserRatingRow> results = reads.read(() -> ratings.find(userId, (number - 1) * page.size(), page.size()));
        PageLinks.Around links = PageLinks.around(request, params, number, page.size(), count);
        return new RatingPage(count, links.next(), links.previous(), results);
    }

    record RatingPage(
            long count,
            @Schema(nullable = true) String next,
            @Schema(nullable = true) String previous,
            List<UserRatingRow> results) {}
}
