package dev.music.app.monitoring;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * {@code projection} in the readiness group: on a node that projects, out of service while the
 * songs projection lags more than {@code music.health.max-projection-lag} (30 s) behind the
 * event store, so that an orchestrator sends reads elsewhere until it has caught up; always up on
 * a command node, which does not project. Answered from the monitor's latest reading, never by
 * waiting on the database.
 */
@Component
class ProjectionHealthIndicator implements HealthIndicator {

    private final ObjectProvider<ProjectionMonitor> monitor;
    private final Duration maxLag;

    ProjectionHealthIndicator(ObjectProvider<ProjectionMonitor> monitor,
                              @Value("${music.health.max-projection-lag:30s}") Duration maxLag) {
        this.monitor = monitor;
        this.maxLag = maxLag;
    }

    @Override
    public Health health() {
        ProjectionMonitor projecting = monitor.getIfAvailable();
        if (projecting == null) {
            return Health.up().withDetail("projecting", false).build();
        }
        return projecting.latest().map(reading -> {
            var status = reading.status();
            Health.Builder health = status.lagMs() > maxLag.toMillis() ? Health.outOfService() : Health.up();
            return health.withDetail("lag_events", status.lagEvents()).withDetail("lag_ms", status.lagMs())
                    .withDetail("state", status.state())
                    .withDetail("read_ms_ago", reading.age().toMillis()).build();
        }).orElseGet(() -> Health.unknown().withDetail("reason", "not read yet").build());
    }
}
