package dev.music.query.live;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells Server-Sent-Events listeners each song's new {@code average_rating} and
 * {@code total_ratings} once the projector has committed them. Sending runs on a thread of its
 * own, so a slow listener never holds up the projector.
 */
@Component
public class RatingBroadcaster {

    private static final Logger log = LoggerFactory.getLogger(RatingBroadcaster.class);

    private final JdbcTemplate jdbc;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rating-broadcaster");
        thread.setDaemon(true);
        return thread;
    });

    public RatingBroadcaster(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Registers a listener, for every song or (songId not null) for one. */
    public void listen(SseEmitter emitter, Long songId) {
        Listener listener = new Listener(emitter, songId);
        listeners.add(listener);
        emitter.onCompletion(() -> listeners.remove(listener));
        emitter.onTimeout(() -> listeners.remove(listener));
        emitter.onError(e -> listeners.remove(listener));
    }

    /** Ends every stream when the application shuts down, so that a graceful shutdown need not wait for them. */
    @EventListener(ContextClosedEvent.class)
    public void closeAll() {
        listeners.forEach(listener -> listener.emitter().complete());
        listeners.clear();
    }

    /** Called after a projector batch committed new rating figures for these songs. */
    public void ratingsChanged(Collection<Long> songIds) {
        if (listeners.isEmpty() || songIds.isEmpty()) {
            return;
        }
        Long[] ids = songIds.toArray(Long[]::new);
        sender.execute(() -> broadcast(ids));
    }

    private void broadcast(Long[] ids) {
        List<SongFigures> figures = jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(
                            "select id, spotify_id, average_rating, total_ratings from songs where id = any (?) order by id");
                    statement.setArray(1, connection.createArrayOf("bigint", ids));
                    return statement;
                },
                (rs, n) -> new SongFigures(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getLong(4)));
        for (Listener listener : listeners) {
            for (SongFigures song : figures) {
                if (listener.songId() == null || listener.songId() == song.id()) {
                    try {
                        listener.emitter()
                                .send(SseEmitter.event()
                                        .name("rating")
                                        .id(Long.toString(song.id()))
                                        .data(song.toJson(), org.springframework.http.MediaType.APPLICATION_JSON));
                    } catch (IOException | IllegalStateException e) {
                        log.debug("dropping a rating listener: {}", e.getMessage());
                        listeners.remove(listener);
                        break;
                    }
                }
            }
        }
    }

    private record Listener(SseEmitter emitter, Long songId) {}

    record SongFigures(long id, String spotifyId, double averageRating, long totalRatings) {
        String toJson() {
            return "{\"id\":" + id + ",\"spotify_id\":\"" + spotifyId + "\",\"average_rating\":" + averageRating
                    + ",\"total_ratings\":" + totalRatings + "}";
        }
    }
}
