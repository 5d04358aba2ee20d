package dev.music.command.catalog;

import dev.music.events.AudioFeature;
import dev.music.events.AudioFeatures;
import dev.music.events.SpotifyId;

/**
 * A validated catalog file, kept column by column (a million rows fit in about 200 MB) and
 * read row by row in ascending row index.
 */
public final class CatalogFile {

    private final long[] rowIndices;
    private final int[] order;
    private final PackedStrings ids;
    private final PackedStrings titles;
    private final double[][] features;

    CatalogFile(long[] rowIndices, int[] order, PackedStrings ids, PackedStrings titles, double[][] features) {
        this.rowIndices = rowIndices;
        this.order = order;
        this.ids = ids;
        this.titles = titles;
        this.features = features;
    }

    public int size() {
        return order.length;
    }

    /** The {@code n}-th row in ascending row index. */
    public CatalogRow row(int n) {
        int at = order[n];
        double[] values = new double[AudioFeature.ALL.size()];
        for (int f = 0; f < values.length; f++) {
            values[f] = features[f][at];
        }
        return new CatalogRow(rowIndices[at], new SpotifyId(ids.get(at)), titles.get(at), AudioFeatures.of(values));
    }
}
