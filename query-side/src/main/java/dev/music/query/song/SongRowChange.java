package dev.music.query.song;

import dev.music.events.AudioFeature;
import dev.music.events.AudioFeatures;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * One change to the rows of a song in a copy of the songs projection, as {@link SongEventBatch}
 * decides it from the events. Each change names the statements that make it and binds their
 * parameters by name, so that the two cannot drift apart; a rebuild's bulk copy applies some of
 * them in memory instead.
 */
public sealed interface SongRowChange {

    long songId();

    /** The statements that make this change in these tables, in order, each bound to {@link #parameters}. */
    List<String> statements(SongTables tables);

    SqlParameterSource parameters();

    /** A new song, with no ratings yet; its sound goes in with those of the other new songs ({@link SongBatchWriter}). */
    record InsertSong(long songId, String spotifyId, String title, AudioFeatures features) implements SongRowChange {

        @Override
        public List<String> statements(SongTables tables) {
            return List.of(tables.insertSong(), tables.insertRanking(), tables.insertTitle());
        }

        @Override
        public SqlParameterSource parameters() {
            return details(songId, title, features).addValue("spotifyId", spotifyId);
        }
    }

    /** A song's new details. */
    record UpdateSong(long songId, String title, AudioFeatures features) implements SongRowChange {

        @Override
        public List<String> statements(SongTables tables) {
            return List.of(tables.updateSong(), tables.updateTitle(), tables.updateSound());
        }

        @Override
        public SqlParameterSource parameters() {
            return details(songId, title, features);
        }
    }

    /** A song gone from the catalog. */
    record DeleteSong(long songId) implements SongRowChange {

        @Override
        public List<String> statements(SongTables tables) {
            return List.of(tables.deleteSong());
        }

        @Override
        public SqlParameterSource parameters() {
            return new MapSqlParameterSource("songId", songId);
        }
    }

    /** Ratings and stars added to a song's figures; fewer stars than none when re-ratings lowered them. */
    record AddRatings(long songId, int ratings, long stars) implements SongRowChange {

        @Override
        public List<String> statements(SongTables tables) {
            return List.of(tables.addRatings());
        }

        @Override
        public SqlParameterSource parameters() {
            return new MapSqlParameterSource("songId", songId)
                    .addValue("ratings", ratings)
                    .addValue("stars", stars);
        }
    }

    private static MapSqlParameterSource details(long songId, String title, AudioFeatures features) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("songId", songId)
                .addValue("title", title)
                .addValue("titleWords", TitleWords.arrayLiteral(TitleWords.of(title)));
        for (AudioFeature feature : AudioFeature.ALL) {
            Number value = features.get(feature);
            parameters.addValue(
                    feature.column(), feature.integral() ? (Object) value.longValue() : value.doubleValue());
        }
        return parameters;
    }
}
