package dev.music.query.web;

import dev.music.query.QuerySide;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import dev.music.query.projection.ProjectionStatus;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** {@code GET /api/admin/projections/}: each projection's position, the event store's head and the lag. */
@ConditionalOnExpression(QuerySide.ENABLED)
@RestController
class ProjectionController {

    private final ProjectionStatus status;

    ProjectionController(ProjectionStatus status) {
        this.status = status;
    }

    @Operation(summary = "Projection status (admin)", description = "Position (every event up to it applied), head "
            + "of the event store, lag in events and in milliseconds (age of the oldest event not yet applied), "
            + "state (live, replaying), and each segment's position and owner.")
    @GetMapping("/api/admin/projections/")
    Map<String, List<ProjectionStatus.Status>> projections() {
        return Map.of("projections", status.all());
    }
}
