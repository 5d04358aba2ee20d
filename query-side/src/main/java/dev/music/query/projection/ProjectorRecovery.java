package dev.music.query.projection;

import dev.music.query.QuerySide;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Brings the projectors back as soon as the database is. A tracking processor whose segment
 * fails waits before it tries again, twice as long after each failure up to a minute: after an
 * outage of some seconds it would sit idle for as long again, while ratings are accepted and
 * reads wait for them. This watcher asks the database every {@code music.projection.recovery-check}
 * whether it answers; when it answers again after it did not, or while a processor's segment has
 * been failing for a few checks although it answers, the processor is restarted: it lets its
 * segments go, claims them again and goes on from the positions stored with the rows.
 */
@ConditionalOnExpression(QuerySide.ENABLED)
@Component
public class ProjectorRecovery {

    private static final Logger log = LoggerFactory.getLogger(ProjectorRecovery.class);
    /** Checks a segment may stay failing, with the database answering, before its processor restarts. */
    private static final int FAILING_CHECKS = 4;

    private final DataSource dataSource;
    private final EventProcessingConfiguration processing;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projector-recovery");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Integer> failingChecks = new HashMap<>();
    private boolean databaseAnswered = true;

    public ProjectorRecovery(DataSource dataSource, EventProcessingConfiguration processing,
                             @Value("${music.projection.recovery-check:500ms}") Duration interval) {
        this.dataSource = dataSource;
        this.processing = processing;
        this.interval = interval;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        scheduler.scheduleWithFixedDelay(this::checkSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @EventListener(ContextClosedEvent.class)
    public void stop() {
        scheduler.shutdownNow();
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("projector recovery check failed: {}", e.toString());
        }
    }

    void check() {
        boolean answers = databaseAnswers();
        boolean cameBack = answers && !databaseAnswered;
        databaseAnswered = answers;
        if (!answers) {
            return;
        }
        processing.eventProcessors().forEach((name, eventProcessor) -> {
            if (!(eventProcessor instanceof TrackingEventProcessor processor) || !processor.isRunning()) {
                return; // not streaming, or stopped on purpose
            }
            boolean failing = processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
            int checks = failing ? failingChecks.getOrDefault(name, 0) + 1 : 0;
            failingChecks.put(name, checks);
            if (cameBack || checks >= FAILING_CHECKS) {
                log.info("The database answers again: restarting event processor {} ({})", name,
                        failing ? "its segments failed" : "after the outage");
                processor.shutDown();
                processor.start();
                failingChecks.put(name, 0);
            }
        });
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }
}
