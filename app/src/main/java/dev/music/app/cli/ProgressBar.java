package dev.music.app.cli;

import java.io.PrintStream;

/** A one-line progress bar with rate and ETA, drawn only when a person watches a terminal. */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final String label;
    private final PrintStream out;
    private final boolean enabled;
    private final long started = System.nanoTime();
    private long total;
    private long lastDrawn;
    private boolean finished;

    ProgressBar(String label, long total, PrintStream out) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.enabled = System.console() != null;
    }

    void total(long total) {
        this.total = total;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (!enabled || finished || (now - lastDrawn < REDRAW_NANOS && done < total)) {
            return;
        }
        lastDrawn = now;
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = (now - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = rate > 0 && done < total ? String.format(" ETA %ds", Math.round((total - done) / rate)) : "";
        out.printf(
                "\r%-10s [%s%s] %3d%% %,d/%,d %,.0f/s%s   ",
                label,
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                Math.round(fraction * 100),
                done,
                total,
                rate,
                eta);
        out.flush();
    }

    void finish() {
        if (enabled && !finished) {
            lastDrawn = 0;
            update(total);
            finished = true;
            out.println();
        }
    }
}
