package dev.music.query.web;

import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.ReadRouter;
import dev.music.query.song.SongFilter;
import dev.music.query.song.SongOrder;
import dev.music.query.song.SongRow;
import dev.music.query.song.SongSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** {@code GET /api/export/music.csv}: the catalog, filtered and ordered as /api/music/, as one streamed CSV. */
@ConditionalOnQuerySide
@Tag(name = "Catalog")
@RestController
class ExportController {

    private final SongSearch songs;
    private final ReadRouter reads;

    ExportController(SongSearch songs, ReadRouter reads) {
        this.songs = songs;
        this.reads = reads;
    }

    @Operation(
            summary = "Export the catalog as CSV",
            description =
                    "Same filters and ordering as /api/music/, " + "every matching song (no pagination), streamed.")
    @ApiResponse(
            responseCode = "200",
            description = "every matching song, a CSV line each, after a header line",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @GetMapping("/api/export/music.csv")
    ResponseEntity<StreamingResponseBody> export(
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
        SongFilter filter = SongQueryParameters.filter(params);
        List<SongOrder> ordering = SongQueryParameters.ordering(params);
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            writer.write(String.join(",", SongRow.COLUMNS) + "\n");
            long[] written = {0};
            try {
                // Repeated on the primary if the replica fails before the first row is out; after
                // that the download is cut, and the client sees it incomplete.
                reads.read(
                        () -> {
                            songs.stream(filter, ordering, song -> {
                                try {
                                    writer.write(song.toCsv() + "\n");
                                    written[0]++;
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
                            return written[0];
                        },
                        () -> written[0] == 0);
            } finally {
                writer.flush();
            }
        };
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"music.csv\"")
                .body(body);
    }
}
