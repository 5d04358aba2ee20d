package dev.music.query.web;

import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.ReadRouter;
import dev.music.query.projection.DeadLetters;
import dev.music.query.rebuild.ProjectionRebuilds;
import dev.music.query.rebuild.RebuildRecord;
import dev.music.query.rebuild.RebuildRunningException;
import dev.music.query.status.ProjectionStatus;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
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
    Map<String, Object> projections() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("projections", status.all());
        body.put("replicas", reads.replicas());
        return body;
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
    ResponseEntity<Map<String, Object>> rebuild(@PathVariable String name) {
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rebuild", rebuild);
        body.put("status", location.toString());
        return ResponseEntity.accepted().location(location).body(body);
    }

    @Operation(
            summary = "Apply a projection's parked events again (admin)",
            description = "Song by song, in "
                    + "order; a song whose events fail again stays parked with the new cause. Answers how many events left "
                    + "the queue and how many remain.")
    @PostMapping("/api/admin/projections/{name}/dead-letters/retry/")
    Map<String, Object> retryDeadLetters(@PathVariable String name) {
        DeadLetters.Retried retried = deadLetters.retry(known(name));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("retried", retried.retried());
        body.put("remaining", retried.remaining());
        body.put("dead_letters", deadLetters.of(name));
        return body;
    }

    private String known(String name) {
        if (!rebuilds.exists(name)) {
            throw ReadProblems.notFound("No projection named " + name + ".");
        }
        return name;
    }
}
