package dev.music.query.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinsTest {

    @Test
    void durationsGetTheSmallestRoundStepWithinTheMostBins() {
        // 2:03 to 6:58: 15 s steps would take 20 bins, 10 s steps 30
        Bins bins = Bins.covering(123_000, 418_000, 24, Bins.DURATION_STEPS);
        assertThat(bins.step()).isEqualTo(15_000);
        assertThat(bins.start()).isEqualTo(120_000);
        assertThat(bins.count()).isEqualTo(20);
        assertThat(bins.from(bins.count())).isGreaterThan(418_000);
    }

    @Test
    void tempoGetsADecimalStep() {
        Bins bins = Bins.covering(61.2, 199.8, 20, Bins.decimalSteps(199.8 - 61.2));
        assertThat(bins.step()).isEqualTo(10.0);
        assertThat(bins.start()).isEqualTo(60.0);
        assertThat(bins.count()).isEqualTo(14);
    }

    @Test
    void equalValuesMakeOneBin() {
        Bins bins = Bins.covering(120, 120, 20, Bins.decimalSteps(0));
        assertThat(bins.count()).isEqualTo(1);
        assertThat(bins.from(0)).isLessThanOrEqualTo(120);
        assertThat(bins.from(1)).isGreaterThan(120);
    }

    @Test
    void everyRangeIsCoveredByAtMostTheBinsAllowed() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            double min = random.nextDouble(0, 1_000);
            double max = min + (random.nextBoolean() ? random.nextDouble(0, 5) : random.nextDouble(0, 100_000));
            Bins bins = Bins.covering(min, max, 20, Bins.decimalSteps(max - min));
            assertThat(bins.count()).isBetween(1, 20);
            assertThat(bins.from(0)).isLessThanOrEqualTo(min);
            assertThat(bins.from(bins.count())).isGreaterThan(max);
        }
        for (int i = 0; i < 10_000; i++) {
            double min = random.nextDouble(0, 600_000);
            double max = min + random.nextDouble(0, 86_400_000 - min);
            Bins bins = Bins.covering(min, max, 24, Bins.DURATION_STEPS);
            assertThat(bins.count()).isBetween(1, 24);
            assertThat(bins.from(0)).isLessThanOrEqualTo(min);
            assertThat(bins.from(bins.count())).isGreaterThanOrEqualTo(max);
        }
    }
}
