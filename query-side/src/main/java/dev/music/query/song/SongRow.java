package dev.music.query.song;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A row of the {@code songs} read table, which is also the song representation of the API. */
@JsonPropertyOrder({"id", "spotify_id", "title", "average_rating", "total_ratings", "danceability", "energy", "key",
        "loudness", "mode", "acousticness", "instrumentalness", "liveness", "valence", "tempo", "duration_ms",
        "time_signature", "num_bars", "num_sections", "num_segments"})
public record SongRow(
        long id,
        @JsonProperty("spotify_id") String spotifyId,
        String title,
        @JsonProperty("average_rating") double averageRating,
        @JsonProperty("total_ratings") long totalRatings,
        double danceability,
        double energy,
        int key,
        double loudness,
        int mode,
        double acousticness,
        double instrumentalness,
        double liveness,
        double valence,
        double tempo,
        @JsonProperty("duration_ms") long durationMs,
        @JsonProperty("time_signature") int timeSignature,
        @JsonProperty("num_bars") int numBars,
        @JsonProperty("num_sections") int numSections,
        @JsonProperty("num_segments") int numSegments) {

    /** The columns in the order of the record, for SELECT lists. */
    public static final String COLUMNS = "id, spotify_id, title, average_rating, total_ratings, danceability, energy, "
            + "key, loudness, mode, acousticness, instrumentalness, liveness, valence, tempo, duration_ms, "
            + "time_signature, num_bars, num_sections, num_segments";

    /** The row as a CSV line, in the order of {@link #COLUMNS}. */
    public String toCsv() {
        String quotedTitle = title.contains(",") || title.contains("\"") || title.contains("\n")
                ? "\"" + title.replace("\"", "\"\"") + "\"" : title;
        return id + "," + spotifyId + "," + quotedTitle + "," + averageRating + "," + totalRatings + ","
                + danceability + "," + energy + "," + key + "," + loudness + "," + mode + "," + acousticness + ","
                + instrumentalness + "," + liveness + "," + valence + "," + tempo + "," + durationMs + ","
                + timeSignature + "," + numBars + "," + numSections + "," + numSegments;
    }

    static SongRow read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new SongRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getLong(5),
                rs.getDouble(6), rs.getDouble(7), rs.getInt(8), rs.getDouble(9), rs.getInt(10), rs.getDouble(11),
                rs.getDouble(12), rs.getDouble(13), rs.getDouble(14), rs.getDouble(15), rs.getLong(16), rs.getInt(17),
                rs.getInt(18), rs.getInt(19), rs.getInt(20));
    }
}
