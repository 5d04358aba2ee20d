package dev.music.query.statistics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the charts of the filtered catalog show: how many songs match, a bounded sample of them
 * for the scatter of danceability against energy, and the histograms of duration, acousticness
 * and tempo over every match.
 */
public record CatalogStatistics(
        long count,
        Scatter scatter,
        @JsonProperty("duration_ms") List<Bin> durationMs,
        List<Bin> acousticness,
        List<Bin> tempo) {

    /** Songs from {@code from} (inclusive) to {@code to} (exclusive; the last bin inclusive). */
    public record Bin(double from, double to, long count) {}

    /**
     * A sample of the matches, the same songs every time for the same filter and catalog: those
     * whose id hashes lowest.
     */
    public record Scatter(String x, String y, List<Point> points) {}

    public record Point(long id, String title, double danceability, double energy) {}
}
