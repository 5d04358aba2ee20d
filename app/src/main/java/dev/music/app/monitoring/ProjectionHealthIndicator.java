package dev.music.app.monitoring;

import dev.music.query.QuerySide;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * {@code projection} in the readiness group, on nodes that project: out of service while the
 * songs projection lags more than {@code music.health.max-projection-lag} (30 s) behind the
 * event store, so that an orchestrator sends reads elsewhere until it has caught up. Answered
 * from the monitor's latest reading, never by waiting on the database.
 */
@ConditionalOnExpression(QuerySide.ENABLED)
@Component
class ProjectionHealthIndicator implements HealthIndicator {

    private final ProjectionMonitor monitor;
    private final Duration maxLag;

    ProjectionHealthIndicator(ProjectionMonitor monitor,
                              @Value("${music.health.max-projection-lag:30s}") Duration maxLag) {
        this.monitor = monitor;
        this.maxLag = maxLag;
    }

    @Override
    public Health health() {
        return monitor.latest().map(reading -> {
            var status = reading.status();
            Health.Builder health = status.lagMs() > maxLag.toMillis() ? Health.outOfService() : Health.up();
            return health.withDetail("lag_events", status.lagEvents()).withDetail("lag_ms", status.lagMs())
                    .withDetail("state", status.state())
                    .withDetail("read_ms_ago", reading.age().toMillis()).build();
        }).orElseGet(() -> Health.unknown().withDetail("reason", "not read yet").build());
    }
}
