package dev.music.query.song;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits sounds into cells of at most {@code most} sounds each, as a k-d tree does: a group too
 * large is cut in two halves at the median of the feature in which it spreads widest, and each
 * half again, so that the cells are compact in every feature and of even sizes however the sounds
 * are distributed (a grid would leave most songs in the few cells where real catalogs crowd: no
 * instrumentalness, little acousticness). The cells' boxes then bound the distance from a target
 * to any of their songs from below, which is what lets {@code NearestSongs} read few cells.
 */
public final class SoundPartition {

    private final double[] coordinates;
    private final int dimensions;

    /** The sounds' coordinates, one sound after the other, {@code dimensions} each. */
    public SoundPartition(double[] coordinates, int dimensions) {
        if (dimensions < 1 || coordinates.length % dimensions != 0) {
            throw new IllegalArgumentException(coordinates.length + " coordinates of " + dimensions + " each");
        }
        this.coordinates = coordinates;
        this.dimensions = dimensions;
    }

    /** The number of sounds. */
    public int size() {
        return coordinates.length / dimensions;
    }

    /** The cells, each the indexes of its sounds; none empty, none of more than {@code most}. */
    public List<int[]> cells(int most) {
        if (most < 1) {
            throw new IllegalArgumentException("cells of at least one sound: " + most);
        }
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        List<int[]> cells = new ArrayList<>();
        if (order.length > 0) {
            split(order, 0, order.length, most, cells);
        }
        return cells;
    }

    private void split(int[] order, int from, int to, int most, List<int[]> cells) {
        // A loop on the larger half and a call for the smaller would bound the stack; the depth is
        // the logarithm of the count anyway (about 14 at a million sounds).
        if (to - from <= most) {
            cells.add(java.util.Arrays.copyOfRange(order, from, to));
            return;
        }
        int widest = widest(order, from, to);
        int middle = from + (to - from) / 2;
        select(order, from, to, middle, widest);
        split(order, from, middle, most, cells);
        split(order, middle, to, most, cells);
    }

    /** The feature in which the sounds spread widest; the first of equals. */
    private int widest(int[] order, int from, int to) {
        int widest = 0;
        double widestSpread = -1;
        for (int d = 0; d < dimensions; d++) {
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                double value = coordinates[order[i] * dimensions + d];
                low = Math.min(low, value);
                high = Math.max(high, value);
            }
            if (high - low > widestSpread) {
                widest = d;
                widestSpread = high - low;
            }
        }
        return widest;
    }

    /**
     * Reorders {@code order[from, to)} so that the sound at {@code nth} is the one a sort by the
     * feature would put there, those before it no greater and those after no smaller
     * (Hoare's selection, with the median of three as the pivot: linear on average).
     */
    private void select(int[] order, int from, int to, int nth, int feature) {
        int low = from;
        int high = to - 1;
        while (low < high) {
            double pivot = medianOfThree(
                    value(order[low], feature),
                    value(order[low + (high - low) / 2], feature),
                    value(order[high], feature));
            int i = low;
            int j = high;
            while (i <= j) {
                while (value(order[i], feature) < pivot) {
                    i++;
                }
                while (value(order[j], feature) > pivot) {
                    j--;
                }
                if (i <= j) {
                    int swapped = order[i];
                    order[i] = order[j];
                    order[j] = swapped;
                    i++;
                    j--;
                }
            }
            if (nth <= j) {
                high = j;
            } else if (nth >= i) {
                low = i;
            } else {
                return;
            }
        }
    }

    private double value(int sound, int feature) {
        return coordinates[sound * dimensions + feature];
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
