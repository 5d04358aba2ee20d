package dev.music.query.web;

import dev.music.events.SpotifyId;
import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.audit.RatingAuditEntry;
import dev.music.query.audit.RatingAuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The rating history for auditors, from the event store: NDJSON by default, CSV with
 * {@code Accept: text/csv}, streamed in event order.
 */
@ConditionalOnQuerySide
@Tag(name = "Audit", description = "the rating history, read from the event store")
@RestController
class AuditController {

    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final RatingAuditLog log;

    AuditController(RatingAuditLog log) {
        this.log = log;
    }

    @Operation(
            summary = "A song's rating history (auditor)",
            description = "Every rating event of the song, oldest "
                    + "first: event id, global position, user, stars, previous stars, time, correlation id.")
    @ApiResponse(
            responseCode = "200",
            description = "one rating event a line: NDJSON, or CSV with Accept: text/csv",
            content = {
                @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string"))
            })
    @GetMapping("/api/songs/{spotifyId}/ratings/history/")
    ResponseEntity<StreamingResponseBody> history(
            @PathVariable String spotifyId,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        long songId = log.songIdOf(spotifyId).orElseThrow(() -> ReadProblems.notFound("Not found."));
        return stream(new RatingAuditLog.AuditFilter(songId, null, null, null), accept);
    }

    @Operation(
            summary = "The rating event log (auditor)",
            description =
                    "Filters: user (id), song (numeric id or "
                            + "Spotify id), since and until (ISO-8601 instants, inclusive). NDJSON, or CSV with Accept: text/csv.")
    @ApiResponse(
            responseCode = "200",
            description = "one rating event a line: NDJSON, or CSV with Accept: text/csv",
            content = {
                @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string"))
            })
    @Parameter(name = "user", in = ParameterIn.QUERY, description = "a user's id", schema = @Schema(type = "integer"))
    @Parameter(
            name = "song",
            in = ParameterIn.QUERY,
            description = "a song's numeric id or Spotify id",
            schema = @Schema(type = "string"))
    @Parameter(
            name = "since",
            in = ParameterIn.QUERY,
            description = "events at or after this instant (ISO-8601)",
            schema = @Schema(type = "string", format = "date-time"))
    @Parameter(
            name = "until",
            in = ParameterIn.QUERY,
            description = "events at or before this instant (ISO-8601)",
            schema = @Schema(type = "string", format = "date-time"))
    @GetMapping("/api/audit/ratings/")
    ResponseEntity<StreamingResponseBody> auditRatings(
            @Parameter(hidden = true) @RequestParam Map<String, String> params,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Long user = id(params.get("user"), "user", problems);
        Long song = song(params.get("song"), problems);
        Instant since = instant(params.get("since"), "since", problems);
        Instant until = instant(params.get("until"), "until", problems);
        if (!problems.isEmpty()) {
            throw ReadProblems.invalidInput(problems);
        }
        return stream(new RatingAuditLog.AuditFilter(song, user, since, until), accept);
    }

    private ResponseEntity<StreamingResponseBody> stream(RatingAuditLog.AuditFilter filter, String accept) {
        boolean csv = wantsCsv(accept);
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            if (csv) {
                writer.write(RatingAuditEntry.CSV_HEADER + "\n");
            }
            try {
                log.stream(filter, entry -> {
                    try {
                        writer.write((csv ? entry.toCsv() : entry.toNdjson()) + "\n");
                    } catch (java.io.IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } finally {
                writer.flush();
            }
        };
        return ResponseEntity.ok().contentType(csv ? CSV : NDJSON).body(body);
    }

    /** Whether the Accept header asks for CSV; an unreadable one gets the default, NDJSON. */
    private static boolean wantsCsv(String accept) {
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.isCompatibleWith(CSV) && !type.isWildcardType());
        } catch (IllegalArgumentException e) { // InvalidMediaTypeException among them
            return false;
        }
    }

    /** A song as the history route names it (its Spotify id) or as events and the API do (its numeric id). */
    private Long song(String text, Map<String, List<String>> problems) {
        if (text == null || !SpotifyId.isValid(text.strip())) {
            return id(text, "song", problems);
        }
        OptionalLong id = log.songIdOf(text.strip());
        if (id.isEmpty()) {
            problems.put("song", List.of("No song has the Spotify id \"" + text.strip() + "\"."));
            return null;
        }
        return id.getAsLong();
    }

    private static Long id(String text, String name, Map<String, List<String>> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            problems.put(name, List.of("A valid integer is required."));
            return null;
        }
    }

    private static Instant instant(String text, String name, Map<String, List<String>> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.put(name, List.of("Datetime has wrong format. Use ISO-8601, e.g. 2026-11-24T10:00:00Z."));
            return null;
        }
    }
}
