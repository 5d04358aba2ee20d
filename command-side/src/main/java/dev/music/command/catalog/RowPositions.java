package dev.music.command.catalog;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The row indices of a catalog file, as its first column lists them, and the position of each in
 * that order. Every column of a file pandas wrote lists the rows in the same order, so a position
 * is found by where the column is; a map of indices is only built for a file that does otherwise.
 */
final class RowPositions {

    private long[] rowIndices = new long[1024];
    private int rows;
    private Map<Long, Integer> positionOf;

    /** How many rows the first column listed. */
    int count() {
        return rows;
    }

    /** The row index at this position. */
    long index(int position) {
        return rowIndices[position];
    }

    /** The row indices in the first column's order. */
    long[] indices() {
        return Arrays.copyOf(rowIndices, rows);
    }

    /** Adds a row of the first column; a row index seen before answers its earlier position. */
    int add(long index) {
        if (rows == rowIndices.length) {
            rowIndices = Arrays.copyOf(rowIndices, rows * 2);
        }
        boolean ascending = rows == 0 || index > rowIndices[rows - 1];
        if (!ascending || positionOf != null) {
            Integer earlier = indexMap().get(index);
            if (earlier != null) {
                return earlier; // reported as a duplicate by the caller
            }
        }
        rowIndices[rows] = index;
        if (positionOf != null) {
            positionOf.put(index, rows);
        }
        return rows++;
    }

    /** The position of a row index that a later column lists {@code k}-th, or -1 when the first column has none. */
    int positionOf(long index, int k) {
        if (k < rows && rowIndices[k] == index) {
            return k; // the usual case: every column lists the rows in the same order
        }
        Integer position = indexMap().get(index);
        return position == null ? -1 : position;
    }

    private Map<Long, Integer> indexMap() {
        if (positionOf == null) {
            positionOf = new HashMap<>(rows * 2);
            for (int i = 0; i < rows; i++) {
                positionOf.put(rowIndices[i], i);
            }
        }
        return positionOf;
    }

    /** The positions in ascending order of their row indices. */
    int[] ascendingOrder() {
        int[] order = IntStream.range(0, rows).toArray();
        boolean sorted = true;
        for (int i = 1; i < rows && sorted; i++) {
            sorted = rowIndices[i] > rowIndices[i - 1];
        }
        if (!sorted) {
            order = IntStream.range(0, rows)
                    .boxed()
                    .sorted((a, b) -> Long.compare(rowIndices[a], rowIndices[b]))
                    .mapToInt(Integer::intValue)
                    .toArray();
        }
        return order;
    }
}
