package dev.music.query.song;

import dev.music.query.ConditionalOnQuerySide;
import dev.music.query.projection.PeriodicTask;
import dev.music.query.projection.ProcessorTables;
import dev.music.query.projection.ProjectionProperties;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Shares the songs projection's segments among the nodes that run it. Axon's tracking processor
 * on its own lets the first node claim every segment and the others stand by; here each node
 * says it is alive every {@code music.projection.balance-interval}, and a node that holds more
 * than its fair share (segments divided by live nodes, rounded up) lets the extra ones go for a
 * while, for a node with fewer to claim. A node that dies stops being counted, and its segments
 * are claimed by the others once its claims time out.
 */
@ConditionalOnQuerySide
@ConditionalOnBooleanProperty(name = "music.projection.balance", matchIfMissing = true)
@Component
public class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);
    /** A node not seen for this many intervals is gone. */
    private static final int ALIVE_INTERVALS = 3;

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final Duration interval;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private final PeriodicTask task = new PeriodicTask("segment-balancer");

    public SegmentBalancer(
            JdbcTemplate jdbc, EventProcessingConfiguration processing, ProjectionProperties properties) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.interval = properties.balanceInterval();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        task.start(Duration.ZERO, interval, this::balance);
    }

    /** Leaves the count at once on a graceful stop, so that the others take up the segments without waiting. */
    @EventListener(ContextClosedEvent.class)
    public void stop() {
        task.stop();
        try {
            jdbc.update("delete from projection_nodes where node = ?", node);
        } catch (RuntimeException e) {
            log.debug("could not sign off: {}", e.getMessage());
        }
    }

    void balance() {
        jdbc.update(
                "insert into projection_nodes (node, seen_at) values (?, now())"
                        + " on conflict (node) do update set seen_at = now()",
                node);
        long aliveMillis = interval.toMillis() * ALIVE_INTERVALS;
        Integer nodes = jdbc.queryForObject(
                "select count(*) from projection_nodes" + " where seen_at > now() - make_interval(secs => ? / 1000.0)",
                Integer.class,
                aliveMillis);
        Integer segments = jdbc.queryForObject(
                "select count(*) from " + ProcessorTables.TOKENS + " where processor_name = ?",
                Integer.class,
                SongProjection.NAME);
        TrackingEventProcessor processor = processing
                .eventProcessor(SongProjection.NAME, TrackingEventProcessor.class)
                .orElse(null);
        if (processor == null || nodes == null || nodes == 0 || segments == null || segments == 0) {
            return;
        }
        int fairShare = (segments + nodes - 1) / nodes;
        List<Integer> held =
                processor.processingStatus().keySet().stream().sorted().toList();
        for (int segment : held.subList(Math.min(fairShare, held.size()), held.size())) {
            log.info(
                    "{} holds {} of {} segments with {} nodes alive: letting segment {} go",
                    node,
                    held.size(),
                    segments,
                    nodes,
                    segment);
            processor.releaseSegment(segment, aliveMillis, TimeUnit.MILLISECONDS);
        }
        jdbc.update("delete from projection_nodes where seen_at < now() - interval '1 day'");
    }
}
