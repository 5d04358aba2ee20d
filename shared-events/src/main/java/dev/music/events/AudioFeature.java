package dev.music.events;

import java.util.List;

/**
 * The audio features a song carries, in the order of the API's song representation, with the
 * column name they have in the catalog file, the API and the read model, and the range a value
 * must lie in. Importer validation, filters and orderings all read this one list.
 */
public enum AudioFeature {
    DANCEABILITY("danceability", false, 0, 1),
    ENERGY("energy", false, 0, 1),
    KEY("key", true, -1, 11),
    LOUDNESS("loudness", false, -100, 20),
    MODE("mode", true, 0, 1),
    ACOUSTICNESS("acousticness", false, 0, 1),
    INSTRUMENTALNESS("instrumentalness", false, 0, 1),
    LIVENESS("liveness", false, 0, 1),
    VALENCE("valence", false, 0, 1),
    TEMPO("tempo", false, 0, 1000),
    DURATION_MS("duration_ms", true, 0, 86_400_000),
    TIME_SIGNATURE("time_signature", true, 0, 99),
    NUM_BARS("num_bars", true, 0, 1_000_000),
    NUM_SECTIONS("num_sections", true, 0, 1_000_000),
    NUM_SEGMENTS("num_segments", true, 0, 10_000_000);

    public static final List<AudioFeature> ALL = List.of(values());

    private final String column;
    private final boolean integral;
    private final double min;
    private final double max;

    AudioFeature(String column, boolean integral, double min, double max) {
        this.column = column;
        this.integral = integral;
        this.min = min;
        this.max = max;
    }

    /** The snake_case name used by the catalog file, the API and the read model. */
    public String column() {
        return column;
    }

    /** Whether values are whole numbers (key, mode, counts, durations). */
    public boolean integral() {
        return integral;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public boolean inRange(double value) {
        return value >= min && value <= max;
    }

    public static AudioFeature byColumn(String column) {
        for (AudioFeature feature : values()) {
            if (feature.column.equals(column)) {
                return feature;
            }
        }
        return null;
    }
}
