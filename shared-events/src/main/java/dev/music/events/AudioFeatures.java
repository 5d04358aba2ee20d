package dev.music.events;

import static dev.music.events.AudioFeature.*;

/** The audio analysis of one song, as the source catalog gives it. */
public record AudioFeatures(
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
        long durationMs,
        int timeSignature,
        int numBars,
        int numSections,
        int numSegments) {

    /** The value of one feature, as a number, in the order of {@link AudioFeature}. */
    public Number get(AudioFeature feature) {
        return switch (feature) {
            case DANCEABILITY -> danceability;
            case ENERGY -> energy;
            case KEY -> key;
            case LOUDNESS -> loudness;
            case MODE -> mode;
            case ACOUSTICNESS -> acousticness;
            case INSTRUMENTALNESS -> instrumentalness;
            case LIVENESS -> liveness;
            case VALENCE -> valence;
            case TEMPO -> tempo;
            case DURATION_MS -> durationMs;
            case TIME_SIGNATURE -> timeSignature;
            case NUM_BARS -> numBars;
            case NUM_SECTIONS -> numSections;
            case NUM_SEGMENTS -> numSegments;
        };
    }

    /** These features with some values replaced. */
    public AudioFeatures with(java.util.Map<AudioFeature, ? extends Number> changes) {
        double[] values = new double[AudioFeature.ALL.size()];
        for (AudioFeature feature : AudioFeature.ALL) {
            Number change = changes.get(feature);
            values[feature.ordinal()] = (change != null ? change : get(feature)).doubleValue();
        }
        return of(values);
    }

    /** Builds the features from values in the order of {@link AudioFeature}. */
    public static AudioFeatures of(double[] values) {
        if (values.length != AudioFeature.ALL.size()) {
            throw new IllegalArgumentException("expected " + AudioFeature.ALL.size() + " values");
        }
        return new AudioFeatures(
                at(values, DANCEABILITY),
                at(values, ENERGY),
                (int) at(values, KEY),
                at(values, LOUDNESS),
                (int) at(values, MODE),
                at(values, ACOUSTICNESS),
                at(values, INSTRUMENTALNESS),
                at(values, LIVENESS),
                at(values, VALENCE),
                at(values, TEMPO),
                (long) at(values, DURATION_MS),
                (int) at(values, TIME_SIGNATURE),
                (int) at(values, NUM_BARS),
                (int) at(values, NUM_SECTIONS),
                (int) at(values, NUM_SEGMENTS));
    }

    private static double at(double[] values, AudioFeature feature) {
        return values[feature.ordinal()];
    }
}
