package dev.music.bench;

import java.util.Arrays;

/** Latency figures of one workload: throughput, p50, p99, max. */
final class Stats {

    private long[] nanos = new long[1 << 16];
    private int count;
    private int failures;

    synchronized void add(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    synchronized void fail() {
        failures++;
    }

    /** Runs one operation, true when it succeeded, and records its latency or its failure (a thrown exception too). */
    void time(java.util.concurrent.Callable<Boolean> operation) {
        long t0 = System.nanoTime();
        boolean ok;
        try {
            ok = operation.call();
        } catch (Exception e) {
            ok = false;
        }
        if (ok) {
            add(System.nanoTime() - t0);
        } else {
            fail();
        }
    }

    /** The latencies recorded, added up. */
    synchronized long totalNanos() {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += nanos[i];
        }
        return total;
    }

    synchronized int count() {
        return count;
    }

    private double elapsedSeconds;

    synchronized void elapsed(double seconds) {
        elapsedSeconds = seconds;
    }

    synchronized double elapsedSeconds() {
        return elapsedSeconds;
    }

    /** Operations a second over the elapsed time recorded. */
    synchronized double throughput() {
        return elapsedSeconds == 0 ? 0 : count / elapsedSeconds;
    }

    synchronized String report(String name, double seconds) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return String.format(
                "%-14s %,9d ok %,6d failed %10.1f /s   p50 %7.2f ms   p99 %7.2f ms   max %8.2f ms",
                name,
                count,
                failures,
                count / seconds,
                ms(percentile(sorted, 50)),
                ms(percentile(sorted, 99)),
                ms(count == 0 ? 0 : sorted[count - 1]));
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
