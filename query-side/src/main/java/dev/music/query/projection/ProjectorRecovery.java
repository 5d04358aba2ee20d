package dev.music.query.projection;

import dev.music.query.ConditionalOnQuerySide;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Brings the projectors back as soon as the database is. A tracking processor whose segment
 * fails waits before it tries again, twice as long after each failure up to a minute: after an
 * outage of some seconds it would sit idle for as long again, while ratings are accepted and
 * reads wait for them. This watcher asks the database every {@code music.projection.recovery-check}
 * whether it answers. While it does, a processor is restarted (it lets its segments go, claims
 * them again and goes on from the positions stored with the rows) when one of its segments is
 * failing and the database has just come back, or has kept failing for a few checks; when it holds
 * no segment as the database comes back (its claims lapsed while its launcher waits out its own
 * back-off); when it stopped on an error; or when this watcher stopped it and could not start it
 * again. A processor stopped by anything else (an operator command) is left alone.
 */
@ConditionalOnQuerySide
@Component
public class ProjectorRecovery {

    private static final Logger log = LoggerFactory.getLogger(ProjectorRecovery.class);
    /** Checks a segment may stay failing, with the database answering, before its processor restarts. */
    private static final int FAILING_CHECKS = 4;

    private final DataSource dataSource;
    private final EventProcessingConfiguration processing;
    private final Duration interval;
    private final PeriodicTask task = new PeriodicTask("projector-recovery");
    private final Map<String, Integer> failingChecks = new HashMap<>();
    /** Processors this watcher stopped and has not yet started again. */
    private final Set<String> stoppedHere = new HashSet<>();

    private boolean databaseAnswered = true;

    public ProjectorRecovery(
            DataSource dataSource, EventProcessingConfiguration processing, ProjectionProperties properties) {
        this.dataSource = dataSource;
        this.processing = processing;
        this.interval = properties.recoveryCheck();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        task.start(interval, interval, this::check);
    }

    @EventListener(ContextClosedEvent.class)
    public void stop() {
        task.stop(); // a restart in progress ends before the processors stop
    }

    void check() {
        boolean answers = databaseAnswers();
        boolean cameBack = answers && !databaseAnswered;
        databaseAnswered = answers;
        if (!answers) {
            return;
        }
        processing.eventProcessors().forEach((name, eventProcessor) -> {
            if (eventProcessor instanceof TrackingEventProcessor processor) {
                recover(name, processor, cameBack);
            }
        });
    }

    private void recover(String name, TrackingEventProcessor processor, boolean cameBack) {
        boolean failing = processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
        int checks = failing ? failingChecks.getOrDefault(name, 0) + 1 : 0;
        failingChecks.put(name, checks);
        String reason = restartReason(name, processor, failing && (cameBack || checks >= FAILING_CHECKS), cameBack);
        if (reason == null) {
            return;
        }
        log.info("The database answers: restarting event processor {} ({})", name, reason);
        stoppedHere.add(name);
        processor.shutDown();
        processor.start(); // throws when a worker would not stop: tried again at the next check
        stoppedHere.remove(name);
        failingChecks.put(name, 0);
    }

    /** Why the processor should be restarted now, or null when it should not. */
    private String restartReason(String name, TrackingEventProcessor processor, boolean failed, boolean cameBack) {
        if (stoppedHere.contains(name)) {
            return "it did not start again";
        }
        if (processor.isError()) {
            return "it stopped on an error";
        }
        if (!processor.isRunning()) {
            return null; // stopped on purpose
        }
        if (failed) {
            return "its segments failed";
        }
        return cameBack && processor.processingStatus().isEmpty() ? "it holds no segment after the outage" : null;
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }
}
