package dev.music.query.song;

import static dev.music.events.AudioFeature.ACOUSTICNESS;
import static dev.music.events.AudioFeature.DANCEABILITY;
import static dev.music.events.AudioFeature.ENERGY;
import static dev.music.events.AudioFeature.INSTRUMENTALNESS;
import static dev.music.events.AudioFeature.LIVENESS;
import static dev.music.events.AudioFeature.LOUDNESS;
import static dev.music.events.AudioFeature.TEMPO;
import static dev.music.events.AudioFeature.VALENCE;

import dev.music.events.AudioFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A song's sound: the 8 audio features that similarity compares, each scaled to [0, 1], as the
 * read model keeps it in {@code song_sounds} (a {@code cube}, written by the database's
 * {@code song_sound()} from the song's features, migration V16: the one place the scaling is
 * written). Read back from the cube's text, it gives what the database compares: distances as
 * {@code <->} computes them, and which features two sounds are closest in.
 */
public final class Sound {

    /** The features of a sound, in the order of its coordinates and of {@code song_sound()}'s arguments. */
    public static final List<AudioFeature> FEATURES =
            List.of(DANCEABILITY, ENERGY, ACOUSTICNESS, INSTRUMENTALNESS, LIVENESS, VALENCE, LOUDNESS, TEMPO);

    private final double[] coordinates;

    private Sound(double[] coordinates) {
        this.coordinates = coordinates;
    }

    /** {@code song_sound()} of the features bound by their column names ({@code :danceability}, …). */
    static String ofBoundFeatures() {
        return "song_sound("
                + String.join(", ", FEATURES.stream().map(f -> ":" + f.column()).toList()) + ")";
    }

    /** A cube's text as PostgreSQL writes it, {@code (0.5, 0.25, …)}; its numbers are exact (shortest round trip). */
    public static Sound parse(String cube) {
        String inner = cube.strip();
        if (!inner.startsWith("(") || !inner.endsWith(")")) {
            throw new IllegalArgumentException("not a point: " + cube);
        }
        double[] values = Arrays.stream(inner.substring(1, inner.length() - 1).split(","))
                .mapToDouble(value -> Double.parseDouble(value.strip()))
                .toArray();
        if (values.length != FEATURES.size()) {
            throw new IllegalArgumentException("not a sound of " + FEATURES.size() + " features: " + cube);
        }
        return new Sound(values);
    }

    /** Copies the coordinates into an array, from {@code at} on. */
    void copyTo(double[] into, int at) {
        System.arraycopy(coordinates, 0, into, at, coordinates.length);
    }

    /** The mean of some sounds, coordinate by coordinate. */
    public static Sound mean(List<Sound> sounds) {
        double[] sum = new double[FEATURES.size()];
        for (Sound sound : sounds) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += sound.coordinates[i];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= sounds.size();
        }
        return new Sound(sum);
    }

    /** This sound as a cube's text, for {@code cast(? as cube)}: Java writes each number so that it reads back the same. */
    public String literal() {
        return literal(coordinates, 0);
    }

    /** The sound whose coordinates start at {@code from} in an array of sounds, as a cube's text. */
    static String literal(double[] coordinates, int from) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < FEATURES.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(coordinates[from + i]);
        }
        return text.append(')').toString();
    }

    /**
     * The Euclidean distance as the cube extension's {@code <->} computes it (the same sum of
     * squares in the same order, then the square root), so that equal distances there are equal here.
     */
    public double distanceTo(Sound other) {
        double sum = 0;
        for (int i = 0; i < coordinates.length; i++) {
            double difference = Math.abs(coordinates[i] - other.coordinates[i]);
            sum += difference * difference;
        }
        return Math.sqrt(sum);
    }

    /** The names of the {@code count} features in which the two sounds differ least, closest first; ties in the features' order. */
    public List<String> closestIn(Sound other, int count) {
        List<String> names = new ArrayList<>(count);
        IntStream.range(0, coordinates.length)
                .boxed()
                .sorted(Comparator.comparingDouble(i -> Math.abs(coordinates[i] - other.coordinates[i])))
                .limit(count)
                .forEach(i -> names.add(FEATURES.get(i).column()));
        return names;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sound sound && Arrays.equals(coordinates, sound.coordinates);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coordinates);
    }

    @Override
    public String toString() {
        return literal();
    }
}
