package dev.music.command.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.music.command.ConditionalOnCommandSide;
import dev.music.command.catalog.CatalogImporter;
import dev.music.command.catalog.CorrectSongDetails;
import dev.music.command.catalog.ImportSummary;
import dev.music.command.catalog.InvalidCatalogFileException;
import dev.music.command.catalog.KnownSongs;
import dev.music.command.catalog.RemoveSongFromCatalog;
import dev.music.command.catalog.SongRemovedException;
import dev.music.events.SpotifyId;
import dev.music.eventstore.ConsistencyToken;
import dev.music.eventstore.PositionedCommands;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the earlier API's admin panel did with the catalog, for admins: import, correct, remove. */
@ConditionalOnCommandSide
@Tag(name = "Catalog administration", description = "import, correct and remove songs (admin)")
@RestController
class CatalogAdminController {

    private final CatalogImporter importer;
    private final PositionedCommands commands;
    private final KnownSongs knownSongs;
    private final TransactionTemplate transactions;

    CatalogAdminController(
            CatalogImporter importer,
            PositionedCommands commands,
            KnownSongs knownSongs,
            TransactionTemplate transactions) {
        this.importer = importer;
        this.commands = commands;
        this.knownSongs = knownSongs;
        this.transactions = transactions;
    }

    @Operation(
            summary = "Import a catalog file (admin)",
            description = "The request body is the columnar file "
                    + "(playlist.json format). Same rules as load-music: an invalid file imports nothing and answers 400 "
                    + "with every problem.")
    @PostMapping("/api/admin/catalog/import/")
    ImportSummary importCatalog(HttpServletRequest request, Principal admin) throws IOException {
        ImportSummary summary;
        try {
            summary = importer.importCatalog(
                    request.getInputStream(), AuditMetaData.of(request, Long.parseLong(admin.getName())), done -> {});
        } catch (InvalidCatalogFileException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, "Not a valid catalog file; nothing was imported.");
            problem.setProperty("problems", e.problems());
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, e);
        }
        return summary;
    }

    @Operation(
            summary = "Correct a song (admin)",
            description = "Body: any of title and the audio features; what is "
                    + "not named stays. Appends a correction event.")
    @ApiResponse(
            responseCode = "200",
            description = "the correction appended",
            headers =
                    @Header(
                            name = "X-Consistency-Token",
                            description = "the consistency token, as in the body",
                            schema = @Schema(type = "string")))
    @PutMapping("/api/admin/songs/{spotifyId}/")
    ResponseEntity<SongChangeAccepted> correct(
            @PathVariable String spotifyId,
            // its flat members (title, any feature by its column) are what the description names
            @CompatibleBody @Parameter(hidden = true) SongCorrectionRequest correction,
            HttpServletRequest request,
            Principal admin) {
        long position = dispatch(
                spotifyId,
                new CorrectSongDetails(spotifyId, correction.title(), correction.features()),
                request,
                admin);
        return accepted("Song correction submitted.", spotifyId, position);
    }

    @Operation(
            summary = "Remove a song (admin)",
            description =
                    "It leaves search and can no longer be rated; its " + "rating history stays in the event store.")
    @ApiResponse(
            responseCode = "200",
            description = "the removal appended",
            headers =
                    @Header(
                            name = "X-Consistency-Token",
                            description = "the consistency token, as in the body",
                            schema = @Schema(type = "string")))
    @DeleteMapping("/api/admin/songs/{spotifyId}/")
    ResponseEntity<SongChangeAccepted> remove(
            @PathVariable String spotifyId, HttpServletRequest request, Principal admin) {
        long position = dispatch(spotifyId, new RemoveSongFromCatalog(spotifyId), request, admin);
        return accepted("Song removal submitted.", spotifyId, position);
    }

    /**
     * Runs the command in a transaction that first takes the catalog lock, as imports do, so an
     * edit and an import chunk never race for the same song's next event. Answers the position of
     * the song's newest event.
     */
    private long dispatch(String spotifyId, Object command, HttpServletRequest request, Principal admin) {
        var metaData =
                org.axonframework.messaging.MetaData.from(AuditMetaData.of(request, Long.parseLong(admin.getName())));
        try {
            return transactions.execute(status -> {
                knownSongs.lockForCatalogChange();
                return commands.send(spotifyId, command, metaData);
            });
        } catch (AggregateNotFoundException | SongRemovedException e) {
            throw WriteProblems.status(HttpStatus.NOT_FOUND, "Not found.");
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof SongRemovedException || e.getCause() instanceof AggregateNotFoundException) {
                throw WriteProblems.status(HttpStatus.NOT_FOUND, "Not found.");
            }
            throw e;
        }
    }

    private ResponseEntity<SongChangeAccepted> accepted(String detail, String spotifyId, long position) {
        String token =
                ConsistencyToken.of(position, knownSongs.songIdOf(spotifyId)).toString();
        return ResponseEntity.ok().header(ConsistencyToken.HEADER, token).body(new SongChangeAccepted(detail, token));
    }

    /**
     * A song's route whose id cannot be a Spotify id is not found, before its body is read (the
     * import's route names no song).
     */
    @ModelAttribute
    void knownFormat(@PathVariable(required = false) String spotifyId) {
        if (spotifyId != null && !SpotifyId.isValid(spotifyId)) {
            throw WriteProblems.status(HttpStatus.NOT_FOUND, "Not found.");
        }
    }

    /** A correction or removal appended: the token a read waits for to see it. */
    record SongChangeAccepted(
            String detail,
            @JsonProperty("consistency_token") String consistencyToken) {}
}
