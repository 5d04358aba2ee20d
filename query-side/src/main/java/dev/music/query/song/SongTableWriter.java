package dev.music.query.song;

import dev.music.events.AudioFeature;
import dev.music.events.AudioFeatures;
import dev.music.query.live.RatingBroadcaster;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code songs} and {@code user_ratings} tables for the projectors. Changes are collected for the whole batch
 * of events a processor handles in one unit of work and written, in event order, as JDBC
 * batches just before that unit of work commits: in the transaction that also stores the
 * processor's token.
 */
@Component
public class SongTableWriter {

    private static final String PENDING = SongTableWriter.class.getName() + ".pending";
    private static final String FEATURE_COLUMNS = String.join(", ",
            AudioFeature.ALL.stream().map(AudioFeature::column).toList());
    private static final String INSERT = "insert into songs (id, spotify_id, title, " + FEATURE_COLUMNS + ") values ("
            + "?, ?, ?" + ", ?".repeat(AudioFeature.ALL.size()) + ")";
    private static final String UPDATE = "update songs set title = ?, "
            + String.join(", ", AudioFeature.ALL.stream().map(f -> f.column() + " = ?").toList()) + " where id = ?";
    private static final String DELETE = "delete from songs where id = ?";
    private static final String RATE = "update songs set total_ratings = total_ratings + ?, rating_sum = rating_sum + ?,"
            + " average_rating = case when total_ratings + ? = 0 then 0"
            + " else (rating_sum + ?)::double precision / (total_ratings + ?) end where id = ?";
    private static final String USER_RATING = "insert into user_ratings (user_id, song_id, stars, rated_at)"
            + " values (?, ?, ?, ?) on conflict (user_id, song_id)"
            + " do update set stars = excluded.stars, rated_at = excluded.rated_at";

    private static final Logger log = LoggerFactory.getLogger(SongTableWriter.class);

    private final JdbcTemplate jdbc;
    private final RatingBroadcaster broadcaster;

    public SongTableWriter(JdbcTemplate jdbc, RatingBroadcaster broadcaster) {
        this.jdbc = jdbc;
        this.broadcaster = broadcaster;
    }

    void insert(long id, String spotifyId, String title, AudioFeatures features) {
        pending().changes.add(new Change(INSERT, statement -> {
            statement.setLong(1, id);
            statement.setString(2, spotifyId);
            statement.setString(3, title);
            setFeatures(statement, 4, features);
        }));
    }

    void updateDetails(long id, String title, AudioFeatures features) {
        pending().changes.add(new Change(UPDATE, statement -> {
            statement.setString(1, title);
            int next = setFeatures(statement, 2, features);
            statement.setLong(next, id);
        }));
    }

    void delete(long id) {
        pending().changes.add(new Change(DELETE, statement -> statement.setLong(1, id)));
    }

    /**
     * Adds a rating to a song's figures: {@code ratings} more ratings (0 when one replaces
     * another) whose stars add up to {@code stars} more. The ratings of one song in one batch
     * become one UPDATE.
     */
    void rate(long songId, int ratings, int stars) {
        Pending pending = pending();
        RatingDelta delta = pending.ratings.get(songId);
        if (delta == null) {
            delta = new RatingDelta(songId);
            pending.ratings.put(songId, delta);
            pending.changes.add(new Change(RATE, delta::bind));
        }
        delta.ratings += ratings;
        delta.stars += stars;
    }

    /** Records a user's current rating of a song; of several in one batch, the last counts. */
    void userRating(long userId, long songId, int stars, java.time.Instant at) {
        pending().userRatings.put(new UserSong(userId, songId), new UserRating(userId, songId, stars, at));
    }

    /** Empties the tables before a replay from the first event. */
    void deleteAll() {
        jdbc.update("truncate songs, user_ratings");
    }

    private static int setFeatures(PreparedStatement statement, int first, AudioFeatures features) throws SQLException {
        int index = first;
        for (AudioFeature feature : AudioFeature.ALL) {
            Number value = features.get(feature);
            if (feature.integral()) {
                statement.setLong(index++, value.longValue());
            } else {
                statement.setDouble(index++, value.doubleValue());
            }
        }
        return index;
    }

    private Pending pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("songs are written by projectors, inside a unit of work");
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            Pending pending = new Pending();
            unitOfWork.onPrepareCommit(u -> flush(pending));
            unitOfWork.afterCommit(u -> broadcaster.ratingsChanged(pending.ratings.keySet()));
            return pending;
        });
    }

    private void flush(Pending pending) {
        log.debug("writing {} song changes and {} user ratings", pending.changes.size(), pending.userRatings.size());
        flush(pending.changes);
        List<UserRating> userRatings = new ArrayList<>(pending.userRatings.values());
        jdbc.batchUpdate(USER_RATING, userRatings, userRatings.size(), (statement, rating) -> {
            statement.setLong(1, rating.userId());
            statement.setLong(2, rating.songId());
            statement.setInt(3, rating.stars());
            statement.setObject(4, java.time.OffsetDateTime.ofInstant(rating.at(), java.time.ZoneOffset.UTC));
        });
    }

    /** Runs the changes in order, one JDBC batch per run of the same statement. */
    private void flush(List<Change> changes) {
        int from = 0;
        while (from < changes.size()) {
            String sql = changes.get(from).sql();
            int to = from;
            while (to < changes.size() && changes.get(to).sql().equals(sql)) {
                to++;
            }
            List<Change> run = changes.subList(from, to);
            jdbc.batchUpdate(sql, run, run.size(), (statement, change) -> change.binder().bind(statement));
            from = to;
        }
        changes.clear();
    }

    private record Change(String sql, Binder binder) {
    }

    /** What one unit of work will write. */
    private static final class Pending {
        final List<Change> changes = new ArrayList<>();
        final Map<Long, RatingDelta> ratings = new HashMap<>();
        final Map<UserSong, UserRating> userRatings = new LinkedHashMap<>();
    }

    private static final class RatingDelta {
        final long songId;
        int ratings;
        long stars;

        RatingDelta(long songId) {
            this.songId = songId;
        }

        void bind(PreparedStatement statement) throws SQLException {
            statement.setInt(1, ratings);
            statement.setLong(2, stars);
            statement.setInt(3, ratings);
            statement.setLong(4, stars);
            statement.setInt(5, ratings);
            statement.setLong(6, songId);
        }
    }

    private record UserSong(long userId, long songId) {
    }

    private record UserRating(long userId, long songId, int stars, java.time.Instant at) {
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
