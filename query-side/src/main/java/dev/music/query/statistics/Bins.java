package dev.music.query.statistics;

import java.util.List;

/**
 * Equal bins over a range of values, {@code count} of them from {@code start}, each {@code step}
 * wide, the step a round figure (a reader's axis shows 2:30, 3:00, 3:30, not 2:37, 3:04).
 */
record Bins(double start, double step, int count) {

    /** Round steps of a duration in milliseconds: seconds, minutes, hours. */
    static final List<Double> DURATION_STEPS = List.of(
            1e3, 2e3, 5e3, 10e3, 15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 14_400e3,
            21_600e3, 43_200e3, 86_400e3);

    /** Round steps of any other figure: 1, 2, 2.5 and 5 times a power of ten. */
    static List<Double> decimalSteps(double span) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(span, 1))) - 2);
        return List.of(
                power,
                2 * power,
                2.5 * power,
                5 * power,
                10 * power,
                20 * power,
                25 * power,
                50 * power,
                100 * power,
                200 * power,
                250 * power,
                500 * power,
                1000 * power);
    }

    /**
     * The smallest round step that covers {@code min..max} in at most {@code most} bins; one bin
     * when all values are equal.
     */
    static Bins covering(double min, double max, int most, List<Double> steps) {
        for (double step : steps) {
            double start = Math.floor(min / step) * step;
            int count = (int) Math.floor((max - start) / step) + 1;
            if (count <= most) {
                return new Bins(start, step, count);
            }
        }
        double step = steps.get(steps.size() - 1);
        double start = Math.floor(min / step) * step;
        return new Bins(start, (max - start) / most + step, most);
    }

    /** The SQL expression of a value's bin number, clamped to the bins: parameters start, step, count. */
    static String binOf(String column) {
        return "least(greatest(floor((" + column + " - ?) / ?), 0), ? - 1)::int";
    }

    Object[] parameters() {
        return new Object[] {start, step, count};
    }

    double from(int bin) {
        return start + bin * step;
    }
}
