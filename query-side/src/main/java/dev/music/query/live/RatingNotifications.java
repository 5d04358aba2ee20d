package dev.music.query.live;

import dev.music.query.ConditionalOnQuerySide;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Carries "these songs' rating figures changed" from the node whose projector committed them to
 * every node's live listeners, through PostgreSQL's NOTIFY: sent in the projector's transaction,
 * so delivered exactly when (and only if) it commits, to each node LISTENing on a connection of
 * its own.
 */
@ConditionalOnQuerySide
@Component
public class RatingNotifications {

    static final String CHANNEL = "song_ratings";
    /** NOTIFY payloads must stay under 8,000 bytes. */
    private static final int MAX_PAYLOAD = 7_000;

    private static final int WAIT_MILLIS = 500;

    private static final Logger log = LoggerFactory.getLogger(RatingNotifications.class);

    private final DataSource dataSource;
    private final RatingBroadcaster broadcaster;
    private volatile boolean running;
    private Thread listener;

    public RatingNotifications(DataSource dataSource, RatingBroadcaster broadcaster) {
        this.dataSource = dataSource;
        this.broadcaster = broadcaster;
    }

    /** Announces the songs in the current transaction of {@code jdbc}; nothing is sent if it rolls back. */
    public static void announce(JdbcTemplate jdbc, Collection<Long> songIds) {
        StringBuilder payload = new StringBuilder();
        for (Long id : songIds) {
            if (payload.length() > MAX_PAYLOAD) {
                jdbc.queryForList("select pg_notify(?, ?)", CHANNEL, payload.toString());
                payload.setLength(0);
            }
            payload.append(payload.isEmpty() ? "" : ",").append(id);
        }
        if (!payload.isEmpty()) {
            jdbc.queryForList("select pg_notify(?, ?)", CHANNEL, payload.toString());
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        running = true;
        listener = new Thread(this::listen, "rating-notifications");
        listener.setDaemon(true);
        listener.start();
    }

    @EventListener(ContextClosedEvent.class)
    public synchronized void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    if (received != null && received.length > 0) {
                        broadcaster.ratingsChanged(songIds(received));
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("unlisten " + CHANNEL);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("listening for rating changes failed, again in a second: {}", e.getMessage());
                    pause();
                }
            }
        }
    }

    private static Set<Long> songIds(PGNotification[] notifications) {
        Set<Long> ids = new LinkedHashSet<>();
        for (PGNotification notification : notifications) {
            for (String id : notification.getParameter().split(",")) {
                if (!id.isEmpty()) {
                    ids.add(Long.parseLong(id));
                }
            }
        }
        return ids;
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
