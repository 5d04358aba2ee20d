package dev.music.app.cli;

import dev.music.query.rebuild.ProjectionRebuilds;
import dev.music.query.rebuild.RebuildRecord;
import dev.music.query.rebuild.RebuildRunningException;
import dev.music.query.rebuild.RebuildState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs one projection rebuild and shows its phases, with a progress bar while it copies. */
final class RebuildWatch {

    private static final long WATCH_MILLIS = 250;

    private RebuildWatch() {}

    /**
     * Rebuilds and waits; the final record, or null when the rebuild could not run (the reason
     * printed).
     *
     * @throws RebuildRunningException when the projection is being rebuilt already
     */
    static RebuildRecord run(ProjectionRebuilds rebuilds, String name, PrintStream out, PrintStream err)
            throws InterruptedException {
        Future<RebuildRecord> running = rebuilds.startAndWatch(name);
        ProgressBar copying = null;
        RebuildState shown = null;
        RebuildRecord result;
        while (true) {
            try {
                result = running.get(WATCH_MILLIS, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException stillRunning) {
                RebuildRecord now = rebuilds.latest(name).orElse(null);
                if (now == null) {
                    continue;
                }
                if (now.state() == RebuildState.COPYING) {
                    if (copying == null) {
                        copying = new ProgressBar("copying", now.target(), err);
                    }
                    copying.update(now.position());
                } else if (now.state() != shown) {
                    if (copying != null) {
                        copying.finish();
                    }
                    err.println(name + ": " + now.state().value() + "…");
                    shown = now.state();
                }
            } catch (ExecutionException e) {
                err.println(name + ": the rebuild failed: " + e.getCause().getMessage());
                return null;
            }
        }
        if (copying != null) {
            copying.finish();
        }
        if (result.state() == RebuildState.DONE) {
            long millis = Math.max(
                    1, Duration.between(result.startedAt(), result.finishedAt()).toMillis());
            out.printf(
                    "%s rebuilt from %,d events (event store position %,d) in %.1f s, %,d events/s%n",
                    name, result.events(), result.position(), millis / 1000.0, result.events() * 1000 / millis);
        } else {
            err.println(name + ": the rebuild failed: " + result.error());
        }
        return result;
    }
}
