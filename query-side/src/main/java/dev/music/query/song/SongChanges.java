package dev.music.query.song;

import dev.music.events.AudioFeature;
import dev.music.events.AudioFeatures;
import dev.music.events.RatingSubmitted;
import dev.music.events.SongAddedToCatalog;
import dev.music.events.SongDetailsCorrected;
import dev.music.events.SongRemovedFromCatalog;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a batch of song events changes in a copy of the songs projection, collected in event
 * order and written as JDBC batches: one statement kind after another as the events had them,
 * the ratings of one song merged into one UPDATE, a user's ratings of one song into the last.
 * The one place that says how each event changes the tables, for the projectors and for a
 * rebuild alike.
 */
public final class SongChanges {

    private final List<Change> changes = new ArrayList<>();
    private final Map<Long, RatingDelta> ratings = new HashMap<>();
    private final Map<UserSong, UserRating> userRatings = new LinkedHashMap<>();

    /** Applies a song event; false for any other payload. */
    public boolean apply(Object payload) {
        if (payload instanceof SongAddedToCatalog added) {
            added(added);
        } else if (payload instanceof SongDetailsCorrected corrected) {
            corrected(corrected);
        } else if (payload instanceof SongRemovedFromCatalog removed) {
            removed(removed);
        } else if (payload instanceof RatingSubmitted rating) {
            rated(rating);
        } else {
            return false;
        }
        return true;
    }

    public void added(SongAddedToCatalog event) {
        changes.add(new Change(Kind.INSERT, event.songId(), statement -> {
            statement.setLong(1, event.songId());
            statement.setString(2, event.spotifyId().value());
            statement.setString(3, event.title());
            setFeatures(statement, 4, event.features());
        }));
    }

    public void corrected(SongDetailsCorrected event) {
        changes.add(new Change(Kind.UPDATE, event.songId(), statement -> {
            statement.setString(1, event.title());
            int next = setFeatures(statement, 2, event.features());
            statement.setLong(next, event.songId());
        }));
    }

    public void removed(SongRemovedFromCatalog event) {
        changes.add(new Change(Kind.DELETE, event.songId(), statement -> statement.setLong(1, event.songId())));
    }

    /**
     * A first rating adds one rating and its stars to the song; a re-rating swaps the old stars
     * for the new. The user's current rating of the song is the last one.
     */
    public void rated(RatingSubmitted event) {
        addRatings(event.songId(), ratingsAdded(event), starsAdded(event));
        userRatings.put(new UserSong(event.userId(), event.songId()),
                new UserRating(event.userId(), event.songId(), event.stars().value(), ratedAt(event)));
    }

    /**
     * When the user rated, to the microsecond PostgreSQL keeps. The clock may give nanoseconds,
     * which the driver and PostgreSQL's text input round differently; cut here, both ways of
     * writing a rating (a projector's bound value, a rebuild's COPY text) store the same time.
     */
    public static Instant ratedAt(RatingSubmitted event) {
        return event.at().truncatedTo(ChronoUnit.MICROS);
    }

    /** How many ratings a rating event adds to its song: one, or none when it replaces the user's earlier one. */
    public static int ratingsAdded(RatingSubmitted event) {
        return event.previousStars() == null ? 1 : 0;
    }

    /** How many stars a rating event adds to its song's sum (fewer than none when a re-rating lowers it). */
    public static int starsAdded(RatingSubmitted event) {
        int stars = event.stars().value();
        return event.previousStars() == null ? stars : stars - event.previousStars().value();
    }

    private void addRatings(long songId, int count, int stars) {
        RatingDelta delta = ratings.get(songId);
        if (delta == null) {
            delta = new RatingDelta(songId);
            ratings.put(songId, delta);
            changes.add(new Change(Kind.RATE, songId, delta::bind));
        }
        delta.ratings += count;
        delta.stars += stars;
    }

    /** The songs whose rating figures these changes touch. */
    public Collection<Long> ratedSongs() {
        return ratings.keySet();
    }

    public boolean isEmpty() {
        return changes.isEmpty() && userRatings.isEmpty();
    }

    /** Writes the changes to these tables and forgets them. */
    public void writeTo(JdbcTemplate jdbc, SongTables tables) {
        int from = 0;
        while (from < changes.size()) {
            Kind kind = changes.get(from).kind();
            int to = from;
            while (to < changes.size() && changes.get(to).kind() == kind) {
                to++;
            }
            List<Change> run = changes.subList(from, to);
            jdbc.batchUpdate(kind.sql(tables), run, run.size(), (statement, change) -> change.binder().bind(statement));
            if (kind == Kind.INSERT) {
                jdbc.batchUpdate(tables.insertRanking(), run, run.size(),
                        (statement, change) -> statement.setLong(1, change.songId()));
            }
            from = to;
        }
        List<UserRating> latest = new ArrayList<>(userRatings.values());
        jdbc.batchUpdate(tables.upsertUserRating(), latest, latest.size(), (statement, rating) -> {
            statement.setLong(1, rating.userId());
            statement.setLong(2, rating.songId());
            statement.setInt(3, rating.stars());
            statement.setObject(4, OffsetDateTime.ofInstant(rating.at(), ZoneOffset.UTC));
        });
        changes.clear();
        ratings.clear();
        userRatings.clear();
    }

    static int setFeatures(PreparedStatement statement, int first, AudioFeatures features) throws SQLException {
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

    private enum Kind {
        INSERT, UPDATE, DELETE, RATE;

        String sql(SongTables tables) {
            return switch (this) {
                case INSERT -> tables.insertSong();
                case UPDATE -> tables.updateSong();
                case DELETE -> tables.deleteSong();
                case RATE -> tables.addRatings();
            };
        }
    }

    private record Change(Kind kind, long songId, Binder binder) {
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

    private record UserRating(long userId, long songId, int stars, Instant at) {
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
