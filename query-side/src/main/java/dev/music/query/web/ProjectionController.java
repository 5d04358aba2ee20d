package dev.music.query.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.ReadRouter;
import dev.music.query.ReplicaStatus;
import dev.music.query.projection.DeadLetters;
import dev.music.query.rebuild.ProjectionRebuilds;
import dev.music.query.rebuild.RebuildRecord;
import dev.music.query.rebuild.RebuildRunningException;
import dev.music.query.status.ProjectionStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operators' view of the projections, and their rebuilds. */
@ConditionalOnQuerySide
@Tag(name = "Operations", description = "projections, rebuilds, dead letters (admin)")
@RestController
class ProjectionController {

    private final ProjectionStatus status;
    private final ProjectionRebuilds rebuilds;
    private final DeadLetters deadLetters;
    private final ReadRouter reads;

    ProjectionController(
            ProjectionStatus status, ProjectionRebuilds rebuilds, DeadLetters deadLetters, ReadRouter reads) {
        this.status = status;
        this.reads = reads;
        this.rebuilds = rebuilds;
        this.deadLetters = deadLetters;
    }

    @Operation(
            summary = "Projection status (admin)",
            description = "Position (every event up to it applied), head "
                    + "of the event store, lag in events and in milliseconds (age of the oldest event not yet applied), "
                    + "state (live, replaying, rebuilding), the latest rebuild with its progress and ETA, the parked "
                    + "events (dead letters), and each segment's position and owner. replicas: each read replica's "
                    + "state (up, lagging, down, unknown) and lag in milliseconds and WAL bytes.")
    @GetMapping("/api/admin/projections/")
    Projections projections() {
        return new Projections(status.all(), reads.replicas());
    }

    @Operation(summary = "One projection's status (admin)")
    @GetMapping("/api/admin/projections/{name}/")
    ProjectionStatus.Status projection(@PathVariable String name) {
        return status.of(known(name));
    }

    @Operation(
            summary = "Rebuild a projection from the event store (admin)",
            description = "Builds a new copy beside "
                    + "the serving one, which keeps answering; the new copy takes over once it has caught up. 202 with the "
                    + "rebuild and its status URL (Location); 409 when a rebuild of it is running already.")
    @PostMapping("/api/admin/projections/{name}/rebuild/")
    @ApiResponse(responseCode = "202", description = "the rebuild started; Location: the projection's status")
    @ApiResponse(responseCode = "409", description = "a rebuild of it is running already (`rebuild`: that one)")
    ResponseEntity<RebuildStarted> rebuild(@PathVariable String name) {
        known(name);
        RebuildRecord rebuild;
        try {
            rebuild = rebuilds.start(name);
        } catch (RebuildRunningException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.CONFLICT, "A rebuild of " + name + " is running already.");
            problem.setProperty("rebuild", e.running());
            throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
        }
        URI location = URI.create("/api/admin/projections/" + name + "/");
        return ResponseEntity.accepted().location(location).body(new RebuildStarted(rebuild, location.toString()));
    }

    @Operation(
            summary = "Apply a projection's parked events again (admin)",
            description = "Song by song, in "
                    + "order; a song whose events fail again stays parked with the new cause. Answers how many events left "
                    + "the queue and how many remain.")
    @PostMapping("/api/admin/projections/{name}/dead-letters/retry/")
    RetryAnswer retryDeadLetters(@PathVariable String name) {
        DeadLetters.Retried retried = deadLetters.retry(known(name));
        return new RetryAnswer(retried.retried(), retried.remaining(), deadLetters.of(name));
    }

    private String known(String name) {
        if (!rebuilds.exists(name)) {
            throw ReadProblems.notFound("No projection named " + name + ".");
        }
        return name;
    }

    /** Every projection's status, and the read replicas'. */
    record Projections(List<ProjectionStatus.Status> projections, List<ReplicaStatus> replicas) {}

    /** A rebuild started, and where its progress shows. */
    record RebuildStarted(RebuildRecord rebuild, String status) {}

    /** Parked events applied again. */
    record RetryAnswer(
            long retried,
            long remaining,
            @JsonProperty("dead_letters") DeadLetters.Summary deadLetters) {}
}
