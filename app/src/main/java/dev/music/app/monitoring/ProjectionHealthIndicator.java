package dev.music.app.monitoring;

import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code projection} in the readiness group: on a node that projects, out of service while the
 * songs projection lags more than {@code music.health.max-projection-lag} (30 s) behind the
 * event store, so that an orchestrator sends reads elsewhere until it has caught up; always up on
 * a command node, which does not project, and where the bound is 0. Answered from the monitor's latest reading, never by
 * waiting on the database; down when that reading has grown old (the database does not answer).
 */
@Component
class ProjectionHealthIndicator implements HealthIndicator {

    private final ObjectProvider<ProjectionMonitor> monitor;
    private final Duration maxLag;

    ProjectionHealthIndicator(ObjectProvider<ProjectionMonitor> monitor, HealthProperties health) {
        this.monitor = monitor;
        this.maxLag = health.maxProjectionLag();
    }

    @Override
    public Health health() {
        ProjectionMonitor projecting = monitor.getIfAvailable();
        if (projecting == null || maxLag.isZero()) {
            return Health.up().withDetail("checked", false).build();
        }
        return projecting
                .latest()
                .map(reading -> {
                    if (reading.age().compareTo(projecting.staleAfter()) > 0) {
                        return Health.down()
                                .withDetail(
                                        "reason",
                                        "the projection's status could not be read for "
                                                + reading.age().toSeconds() + " s")
                                .build();
                    }
                    var status = reading.status();
                    Health.Builder health = status.lagMs() > maxLag.toMillis() ? Health.outOfService() : Health.up();
                    return health.withDetail("lag_events", status.lagEvents())
                            .withDetail("lag_ms", status.lagMs())
                            .withDetail("state", status.state())
                            .withDetail("read_ms_ago", reading.age().toMillis())
                            .build();
                })
                .orElseGet(() ->
                        Health.unknown().withDetail("reason", "not read yet").build());
    }
}
