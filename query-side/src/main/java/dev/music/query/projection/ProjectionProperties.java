package dev.music.query.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code music.projection.*}: how the songs projector streams the event store and how the nodes
 * that run it share and watch it ({@code music.projection.balance}, whether they share it at all,
 * is read by the balancer's condition).
 *
 * @param pollInterval    how often an idle projector looks for events appended by other processes
 * @param gapTimeout      after this, a global index passed without an event that still has none is burnt
 * @param balanceInterval how often a node says it is alive and checks its share
 * @param recoveryCheck   how often a projecting node asks whether the database answers
 * @param monitorInterval how often the projection's status is read for readiness and metrics
 */
@ConfigurationProperties("music.projection")
public record ProjectionProperties(
        @DefaultValue("50ms") Duration pollInterval,
        @DefaultValue("60s") Duration gapTimeout,
        @DefaultValue("2s") Duration balanceInterval,
        @DefaultValue("500ms") Duration recoveryCheck,
        @DefaultValue("1s") Duration monitorInterval) {}
