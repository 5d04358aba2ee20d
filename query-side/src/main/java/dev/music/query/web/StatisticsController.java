package dev.music.query.web;

import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.ReadRouter;
import dev.music.query.paging.PageRequest;
import dev.music.query.song.SongFilter;
import dev.music.query.statistics.CatalogStatistics;
import dev.music.query.statistics.StatisticsQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/statistics/}: the charts' figures over the whole filtered catalog. */
@ConditionalOnQuerySide
@Tag(name = "Catalog")
@RestController
class StatisticsController {

    static final int DEFAULT_SAMPLE = 500;
    static final int MAX_SAMPLE = 2_000;

    private final StatisticsQuery statistics;
    private final ReadRouter reads;

    StatisticsController(StatisticsQuery statistics, ReadRouter reads) {
        this.statistics = statistics;
        this.reads = reads;
    }

    @Operation(
            summary = "Statistics of the filtered catalog",
            description = "The same filters as /api/music/ (title, min_X / max_X / X). Answers the count of "
                    + "matching songs; the histograms of duration_ms (round steps of seconds or minutes), "
                    + "acousticness (ten bins of 0.1) and tempo (round steps of BPM), each a list of bins {from, to, "
                    + "count} over every match (to is exclusive, but for the last bin); and a sample of at most "
                    + "`sample` matches {id, title, danceability, energy} for a scatter chart, the same songs every "
                    + "time for the same filter and catalog. Computed in the database, remembered until the catalog "
                    + "changes.")
    @Parameter(
            name = "sample",
            in = ParameterIn.QUERY,
            description = "how many songs the scatter's sample holds at most",
            schema = @Schema(type = "integer", minimum = "1", maximum = "2000", defaultValue = "500"))
    @GetMapping("/api/statistics/")
    CatalogStatistics statistics(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
        SongFilter filter = SongQueryParameters.filter(params);
        int sample = sample(PageRequest.last(params, "sample"));
        return reads.read(() -> statistics.of(filter, sample));
    }

    private static int sample(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_SAMPLE;
        }
        int sample;
        try {
            sample = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ReadProblems.invalidInput(Map.of("sample", List.of("A valid integer is required.")));
        }
        if (sample < 1) {
            throw ReadProblems.invalidInput(
                    Map.of("sample", List.of("Ensure this value is greater than or equal to 1.")));
        }
        if (sample > MAX_SAMPLE) {
            throw ReadProblems.invalidInput(
                    Map.of("sample", List.of("Ensure this value is less than or equal to " + MAX_SAMPLE + ".")));
        }
        return sample;
    }
}
