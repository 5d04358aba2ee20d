package dev.music.query.song;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SoundPartitionTest {

    private static final int DIMENSIONS = 8;

    @Test
    void everySoundIsInExactlyOneCellOfAtMostTheMostAndAtLeastHalfAsMany() {
        SplittableRandom random = new SplittableRandom(17);
        double[] coordinates = new double[10_000 * DIMENSIONS];
        for (int i = 0; i < coordinates.length; i++) {
            // Every third sound has no instrumentalness, as in real catalogs; values of two decimals repeat.
            coordinates[i] = i % DIMENSIONS == 3 && random.nextInt(3) > 0 ? 0 : random.nextInt(101) / 100.0;
        }
        List<int[]> cells = new SoundPartition(coordinates, DIMENSIONS).cells(128);

        assertThat(cells).allSatisfy(cell -> assertThat(cell.length).isBetween(64, 128));
        int[] all = cells.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 10_000).toArray());
    }

    @Test
    void cellsAreCutAtTheMedianOfTheWidestFeatureSoThatTheirRangesDoNotOverlap() {
        // 1,000 sounds on a line in the second feature, the others equal: the cells are its intervals.
        double[] coordinates = new double[1_000 * DIMENSIONS];
        for (int i = 0; i < 1_000; i++) {
            coordinates[i * DIMENSIONS + 1] = ((i * 7_919) % 1_000) / 1_000.0;
        }
        SoundPartition partition = new SoundPartition(coordinates, DIMENSIONS);

        List<double[]> intervals = partition.cells(100).stream()
                .map(cell -> Arrays.stream(cell)
                        .mapToDouble(sound -> coordinates[sound * DIMENSIONS + 1])
                        .summaryStatistics())
                .map(values -> new double[] {values.getMin(), values.getMax()})
                .sorted((a, b) -> Double.compare(a[0], b[0]))
                .toList();

        assertThat(intervals).hasSize(16);
        for (int i = 1; i < intervals.size(); i++) {
            assertThat(intervals.get(i)[0]).isGreaterThan(intervals.get(i - 1)[1]);
        }
    }

    @Test
    void soundsThatAreAllAlikeAreStillCutIntoCellsOfAtMostTheMost() {
        double[] coordinates = new double[1_000 * DIMENSIONS];
        Arrays.fill(coordinates, 0.5);

        List<int[]> cells = new SoundPartition(coordinates, DIMENSIONS).cells(128);

        assertThat(cells).allSatisfy(cell -> assertThat(cell.length).isBetween(64, 128));
        assertThat(cells.stream().mapToInt(cell -> cell.length).sum()).isEqualTo(1_000);
    }

    @Test
    void fewSoundsAreOneCellAndNoSoundsNone() {
        assertThat(new SoundPartition(new double[3 * DIMENSIONS], DIMENSIONS).cells(128))
                .singleElement()
                .satisfies(cell -> assertThat(cell).containsExactly(0, 1, 2));
        assertThat(new SoundPartition(new double[0], DIMENSIONS).cells(128)).isEmpty();
        assertThatThrownBy(() -> new SoundPartition(new double[7], DIMENSIONS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
