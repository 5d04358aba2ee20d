package dev.music.query.song;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.music.events.AudioFeature;
import dev.music.events.AudioFeatures;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A row of the {@code songs} read table, which is also the song representation of the API: the
 * song's own fields, then its audio features in the order of {@link AudioFeature}.
 */
@JsonPropertyOrder({"id", "spotify_id", "title", "average_rating", "total_ratings"})
public record SongRow(
        long id,
        @JsonProperty("spotify_id") String spotifyId,
        String title,
        @JsonProperty("average_rating") double averageRating,
        @JsonProperty("total_ratings") long totalRatings,
        @JsonIgnore AudioFeatures features) {

    /** The columns in the order of the API's song representation, for SELECT lists and the CSV header. */
    public static final List<String> COLUMNS = Stream.concat(
                    Stream.of("id", "spotify_id", "title", "average_rating", "total_ratings"),
                    AudioFeature.ALL.stream().map(AudioFeature::column))
            .toList();

    /** {@link #COLUMNS} of the table named {@code alias} in a statement, for a SELECT list. */
    public static String columnsOf(String alias) {
        return String.join(
                ", ", COLUMNS.stream().map(column -> alias + "." + column).toList());
    }

    /** The features as the API shows them, each under its column name, after the song's own fields. */
    @JsonAnyGetter
    Map<String, Number> featureValues() {
        Map<String, Number> values = new LinkedHashMap<>();
        AudioFeature.ALL.forEach(feature -> values.put(feature.column(), features.get(feature)));
        return values;
    }

    /** The row as a CSV line, in the order of {@link #COLUMNS}. */
    public String toCsv() {
        String quotedTitle = title.contains(",") || title.contains("\"") || title.contains("\n")
                ? "\"" + title.replace("\"", "\"\"") + "\""
                : title;
        StringBuilder line = new StringBuilder()
                .append(id)
                .append(',')
                .append(spotifyId)
                .append(',')
                .append(quotedTitle)
                .append(',')
                .append(averageRating)
                .append(',')
                .append(totalRatings);
        AudioFeature.ALL.forEach(feature -> line.append(',').append(features.get(feature)));
        return line.toString();
    }

    /** The row at the result set's cursor, read by column name. */
    public static SongRow read(ResultSet rs) throws SQLException {
        double[] features = new double[AudioFeature.ALL.size()];
        for (AudioFeature feature : AudioFeature.ALL) {
            // whole-number features are far within a double's exact range
            features[feature.ordinal()] = rs.getDouble(feature.column());
        }
        return new SongRow(
                rs.getLong("id"),
                rs.getString("spotify_id"),
                rs.getString("title"),
                rs.getDouble("average_rating"),
                rs.getLong("total_ratings"),
                AudioFeatures.of(features));
    }
}
