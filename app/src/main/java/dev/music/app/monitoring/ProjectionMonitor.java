package dev.music.app.monitoring;

import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.projection.PeriodicTask;
import dev.music.query.projection.ProjectionProperties;
import dev.music.query.rebuild.RebuildRecord;
import dev.music.query.song.SongProjection;
import dev.music.query.status.ProjectionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads the songs projection's status every {@code music.projection.monitor-interval} (1 s) on a
 * thread of its own, for the readiness check and the metrics: neither a health probe nor a
 * metrics scrape then waits on the database, which may be the thing that is away.
 */
@ConditionalOnQuerySide
@Component
public class ProjectionMonitor implements MeterBinder {

    private final ProjectionStatus status;
    private final Duration interval;
    private final PeriodicTask task = new PeriodicTask("projection-monitor");
    private volatile Reading latest;

    /** The status as read at {@code nanoTime}. */
    public record Reading(ProjectionStatus.Status status, long nanoTime) {

        public Duration age() {
            return Duration.ofNanos(System.nanoTime() - nanoTime);
        }
    }

    public ProjectionMonitor(ProjectionStatus status, ProjectionProperties properties) {
        this.status = status;
        this.interval = properties.monitorInterval();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        task.start(Duration.ZERO, interval, this::read);
    }

    @EventListener(ContextClosedEvent.class)
    public void stop() {
        task.stop();
    }

    /** When the database is away the read fails: the last reading stays, and ages. */
    private void read() {
        latest = new Reading(status.of(SongProjection.NAME), System.nanoTime());
    }

    public Optional<Reading> latest() {
        return Optional.ofNullable(latest);
    }

    /** A reading older than this says the database has not answered for several intervals. */
    public Duration staleAfter() {
        return interval.multipliedBy(5).compareTo(Duration.ofSeconds(5)) > 0
                ? interval.multipliedBy(5)
                : Duration.ofSeconds(5);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(
                registry,
                "music.projection.lag.events",
                "Events appended that the projection has not applied",
                s -> s.lagEvents());
        gauge(
                registry,
                "music.projection.lag.seconds",
                "Age of the oldest event the projection has not applied",
                s -> s.lagMs() / 1000.0);
        gauge(
                registry,
                "music.projection.position",
                "Global index up to which the projection has applied every event",
                s -> s.position());
        gauge(
                registry,
                "music.projection.dead.letters",
                "Events parked because they could not be applied",
                s -> s.deadLetters().count());
        gauge(
                registry,
                "music.projection.rebuild.progress",
                "Progress of the running rebuild, 0 to 1 (NaN: none runs)",
                s -> s.latestRebuild() != null && s.latestRebuild().running()
                        ? progress(s.latestRebuild())
                        : Double.NaN);
        Gauge.builder(
                        "music.projection.status.age.seconds",
                        this,
                        m -> m.latest().map(r -> r.age().toMillis() / 1000.0).orElse(Double.NaN))
                .description("Seconds since the projection's status was last read from the database")
                .tag("projection", SongProjection.NAME)
                .register(registry);
    }

    private static double progress(RebuildRecord rebuild) {
        return rebuild.progressPercent() == null ? 0 : rebuild.progressPercent() / 100.0;
    }

    private void gauge(
            MeterRegistry registry, String name, String description, ToDoubleFunction<ProjectionStatus.Status> value) {
        Gauge.builder(
                        name,
                        this,
                        m -> m.latest()
                                .map(r -> value.applyAsDouble(r.status()))
                                .orElse(Double.NaN))
                .description(description)
                .tag("projection", SongProjection.NAME)
                .register(registry);
    }
}
