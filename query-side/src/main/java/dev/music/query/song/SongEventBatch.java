package dev.music.query.song;

import dev.music.events.RatingSubmitted;
import dev.music.events.SongAddedToCatalog;
import dev.music.events.SongDetailsCorrected;
import dev.music.events.SongRemovedFromCatalog;
import dev.music.query.song.SongRowChange.AddRatings;
import dev.music.query.song.SongRowChange.DeleteSong;
import dev.music.query.song.SongRowChange.InsertSong;
import dev.music.query.song.SongRowChange.UpdateSong;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * What a batch of song events changes in a copy of the songs projection: the row changes in
 * event order, the ratings of one song merged into one change, and each user's last rating of
 * each song. The one place that says how each event changes the tables, for the projectors and
 * for a rebuild alike; it touches no database: the projectors write the changes as JDBC batches
 * ({@link SongBatchWriter}), a rebuild's bulk copy sums the ratings in memory.
 */
public final class SongEventBatch {

    private final List<SongRowChange> rows = new ArrayList<>();
    /**
     * Where in {@link #rows} each song's ratings are being merged. An insert or delete of the song
     * closes its merge, so that ratings on either side of it are not summed across it.
     */
    private final Map<Long, Integer> mergingRatings = new HashMap<>();

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
        mergingRatings.remove(event.songId());
        rows.add(new InsertSong(event.songId(), event.spotifyId().value(), event.title(), event.features()));
    }

    public void corrected(SongDetailsCorrected event) {
        rows.add(new UpdateSong(event.songId(), event.title(), event.features()));
    }

    public void removed(SongRemovedFromCatalog event) {
        mergingRatings.remove(event.songId());
        rows.add(new DeleteSong(event.songId()));
    }

    /**
     * A first rating adds one rating and its stars to the song; a re-rating swaps the old stars
     * for the new. The user's current rating of the song is the last one.
     */
    public void rated(RatingSubmitted event) {
        int stars = event.stars().value();
        if (event.previousStars() == null) {
            addRatings(event.songId(), 1, stars);
        } else {
            addRatings(event.songId(), 0, stars - event.previousStars().value());
        }
        userRatings.put(
                new UserSong(event.userId(), event.songId()),
                new UserRating(event.userId(), event.songId(), stars, ratedAt(event)));
    }

    /**
     * When the user rated, to the microsecond PostgreSQL keeps. The clock may give nanoseconds,
     * which the driver and PostgreSQL's text input round differently; cut here, both ways of
     * writing a rating (a projector's bound value, a rebuild's COPY text) store the same time.
     */
    private static OffsetDateTime ratedAt(RatingSubmitted event) {
        return OffsetDateTime.ofInstant(event.at().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private void addRatings(long songId, int ratings, long stars) {
        Integer at = mergingRatings.get(songId);
        if (at == null) {
            mergingRatings.put(songId, rows.size());
            rows.add(new AddRatings(songId, ratings, stars));
        } else {
            AddRatings merged = (AddRatings) rows.get(at);
            rows.set(at, new AddRatings(songId, merged.ratings() + ratings, merged.stars() + stars));
        }
    }

    /** The changes to the songs' rows, in the order of the events that made them. */
    public List<SongRowChange> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** Each user's last rating of each song rated, in the order they first rated it in the batch. */
    public Collection<UserRating> userRatings() {
        return Collections.unmodifiableCollection(userRatings.values());
    }

    /** The songs whose rating figures these changes touch. */
    public Set<Long> ratedSongs() {
        Set<Long> rated = new LinkedHashSet<>();
        for (SongRowChange row : rows) {
            if (row instanceof AddRatings) {
                rated.add(row.songId());
            }
        }
        return rated;
    }

    /** A user's current rating of a song. */
    public record UserRating(long userId, long songId, int stars, OffsetDateTime ratedAt) {

        /** The parameters of {@link SongTables#upsertUserRating}. */
        SqlParameterSource parameters() {
            return new MapSqlParameterSource("userId", userId)
                    .addValue("songId", songId)
                    .addValue("stars", stars)
                    .addValue("ratedAt", ratedAt);
        }
    }

    private record UserSong(long userId, long songId) {}
}
