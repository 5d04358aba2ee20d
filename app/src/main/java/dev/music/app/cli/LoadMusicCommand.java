package dev.music.app.cli;

import dev.music.command.catalog.CatalogImporter;
import dev.music.command.catalog.ImportSummary;
import dev.music.command.catalog.InvalidCatalogFileException;
import dev.music.query.projection.ProjectionProgress;
import dev.music.query.song.SongProjection;
import org.springframework.stereotype.Component;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code load-music FILE [--no-wait]}: imports a catalog file, then waits until the read model
 * shows it (whichever process runs the projectors), unless told not to.
 */
@Component
class LoadMusicCommand implements CliCommand {

    /** Give up waiting for the projection when it has not moved for this long. */
    private static final Duration STALLED = Duration.ofSeconds(60);

    private final CatalogImporter importer;
    private final ProjectionProgress progress;

    LoadMusicCommand(CatalogImporter importer, ProjectionProgress progress) {
        this.importer = importer;
        this.progress = progress;
    }

    @Override
    public String name() {
        return "load-music";
    }

    @Override
    public String usage() {
        return "load-music FILE [--no-wait]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<String> files = args.stream().filter(a -> !a.startsWith("--")).toList();
        List<String> unknown = args.stream().filter(a -> a.startsWith("--") && !a.equals("--no-wait")).toList();
        if (files.size() != 1 || !unknown.isEmpty()) {
            err.println("usage: " + usage() + (unknown.isEmpty() ? "" : "  (unknown option " + unknown.get(0) + ")"));
            return 2;
        }
        Path file = Path.of(files.get(0));
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            err.println("load-music: cannot read " + file + ": no such file");
            return 2;
        }
        long started = System.nanoTime();
        ImportSummary summary;
        ProgressBar reading = new ProgressBar("reading", Files.size(file), err);
        ProgressBar importing = new ProgressBar("importing", 0, err);
        try (InputStream in = new CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), reading)) {
            var metaData = Map.of("user", "cli:" + System.getProperty("user.name", "operator"),
                    "correlationId", UUID.randomUUID().toString(), "source", file.getFileName().toString());
            summary = importer.importCatalog(in, metaData, done -> {
                reading.finish();
                importing.update(done);
            });
        } catch (InvalidCatalogFileException e) {
            err.println();
            err.println("load-music: " + file + " is not a valid catalog file; nothing was imported:");
            e.problems().forEach(problem -> err.println("  " + problem));
            return 1;
        }
        importing.total(summary.rows());
        importing.finish();
        out.printf("Imported %s: %s (%.1f s)%n", file, summary, (System.nanoTime() - started) / 1e9);
        summary.rejections().forEach(reason -> out.println("  rejected: " + reason));
        if (args.contains("--no-wait") || summary.added() + summary.corrected() == 0) {
            return 0;
        }
        return awaitProjection(out, err, started);
    }

    private int awaitProjection(PrintStream out, PrintStream err, long started) throws InterruptedException {
        long head = progress.head();
        ProgressBar projecting = new ProgressBar("projecting", head, err);
        long lastPosition = -1;
        long lastMoved = System.nanoTime();
        while (!progress.hasApplied(SongProjection.NAME, head)) {
            long position = progress.position(SongProjection.NAME).orElse(0);
            projecting.update(position);
            if (position != lastPosition) {
                lastPosition = position;
                lastMoved = System.nanoTime();
            } else if (System.nanoTime() - lastMoved > STALLED.toNanos()) {
                err.println();
                err.println("load-music: the songs projection has not moved for " + STALLED.toSeconds()
                        + " s; the import is stored and will show once the projection runs");
                return 0;
            }
            Thread.sleep(100);
        }
        projecting.finish();
        out.printf("Projected: the catalog is searchable (%.1f s in all)%n", (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /** Feeds the reading progress bar with the bytes read. */
    private static final class CountingStream extends FilterInputStream {
        private final ProgressBar bar;
        private long count;

        CountingStream(InputStream in, ProgressBar bar) {
            super(in);
            this.bar = bar;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bar.update(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                bar.update(count += n);
            }
            return n;
        }
    }
}
