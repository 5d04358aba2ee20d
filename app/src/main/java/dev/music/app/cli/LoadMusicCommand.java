package dev.music.app.cli;

import dev.music.app.config.CatalogProperties;
import dev.music.command.catalog.CatalogFile;
import dev.music.command.catalog.CatalogFileReader;
import dev.music.command.catalog.CatalogImporter;
import dev.music.command.catalog.ImportSummary;
import dev.music.command.catalog.InvalidCatalogFileException;
import dev.music.query.projection.ProjectionProgress;
import dev.music.query.rebuild.ProjectionRebuilds;
import dev.music.query.rebuild.RebuildRecord;
import dev.music.query.rebuild.RebuildRunningException;
import dev.music.query.rebuild.RebuildState;
import dev.music.query.song.SongProjection;
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
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.stereotype.Component;

/**
 * {@code load-music FILE [--no-wait]}: imports a catalog file, then waits until the read model
 * shows it (whichever process runs the projectors), unless told not to.
 *
 * <p>A first load (a large file into an empty catalog) is projected as a rebuild does it: this
 * process's projector is stopped while the events go in, then the songs projection is rebuilt
 * from them, its rows written first and its indexes built after, instead of every song entering
 * twenty indexes one by one. A million songs take a fraction of the time that way.
 */
@Component
class LoadMusicCommand extends CliCommand {

    static final About ABOUT = new About(
            "load-music", "load-music FILE [--no-wait]", "import a columnar catalog file (playlist.json format)");

    /** Give up waiting for the projection when it has not moved for this long. */
    private static final Duration STALLED = Duration.ofSeconds(60);

    /** How long a first load waits for the songs projection's segments to exist before it stops the projector. */
    private static final Duration SEGMENTS_CREATED = Duration.ofSeconds(30);

    private final CatalogFileReader reader = new CatalogFileReader();
    private final CatalogImporter importer;
    private final ProjectionProgress progress;
    private final ProjectionRebuilds rebuilds;
    private final EventProcessingConfiguration processing;
    private final int firstLoadRows;

    LoadMusicCommand(
            CatalogImporter importer,
            ProjectionProgress progress,
            ProjectionRebuilds rebuilds,
            EventProcessingConfiguration processing,
            CatalogProperties catalog) {
        super(ABOUT);
        this.importer = importer;
        this.progress = progress;
        this.rebuilds = rebuilds;
        this.processing = processing;
        this.firstLoadRows = catalog.firstLoadRows();
    }

    @Override
    protected int execute(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<String> files = args.stream().filter(a -> !a.startsWith("--")).toList();
        List<String> unknown = args.stream()
                .filter(a -> a.startsWith("--") && !a.equals("--no-wait"))
                .toList();
        if (files.size() != 1 || !unknown.isEmpty()) {
            throw usage(unknown.isEmpty() ? "" : "  (unknown option " + unknown.get(0) + ")");
        }
        Path file = Path.of(files.get(0));
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw refusal("cannot read " + file + ": no such file");
        }
        long started = System.nanoTime();
        boolean wait = !args.contains("--no-wait");
        Imported imported = readAndImport(file, wait, err);
        if (imported == null) {
            return FAILED;
        }
        ImportSummary summary = imported.summary();
        boolean firstLoad = imported.firstLoad();
        out.printf("Imported %s: %s (%.1f s)%n", file, summary, (System.nanoTime() - started) / 1e9);
        summary.rejections().forEach(reason -> out.println("  rejected: " + reason));
        if (!wait || summary.added() + summary.corrected() == 0) {
            return OK;
        }
        if (firstLoad && rebuildSongs(out, err)) {
            out.printf("Projected: the catalog is searchable (%.1f s in all)%n", (System.nanoTime() - started) / 1e9);
            return OK;
        }
        if (firstLoad) {
            processing.eventProcessor(SongProjection.NAME).ifPresent(EventProcessor::start);
        }
        return awaitProjection(out, err, started);
    }

    private record Imported(ImportSummary summary, boolean firstLoad) {}

    /**
     * Reads, validates and imports the file; null when it is not a valid catalog file (the
     * problems printed). A method of its own so that the file's columns, a few hundred megabytes
     * for a million songs, are garbage once it returns, not held through the projection.
     */
    private Imported readAndImport(Path file, boolean wait, PrintStream err) throws IOException, InterruptedException {
        ProgressBar reading = new ProgressBar("reading", Files.size(file), err);
        CatalogFile catalog;
        try (InputStream in =
                new CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), reading)) {
            catalog = reader.read(in);
        } catch (InvalidCatalogFileException e) {
            err.println();
            err.println("load-music: " + file + " is not a valid catalog file; nothing was imported:");
            e.problems().forEach(problem -> err.println("  " + problem));
            return null;
        }
        reading.finish();
        boolean firstLoad = wait && catalog.size() >= firstLoadRows && importer.catalogIsEmpty();
        if (firstLoad) {
            stopProjector();
        }
        ProgressBar importing = new ProgressBar("importing", catalog.size(), err);
        var metaData = Map.of(
                "user",
                "cli:" + System.getProperty("user.name", "operator"),
                "correlationId",
                UUID.randomUUID().toString(),
                "source",
                file.getFileName().toString());
        ImportSummary summary = importer.importCatalog(catalog, metaData, importing::update);
        importing.finish();
        return new Imported(summary, firstLoad);
    }

    /**
     * Stops this process's songs projector for the import, once the projection's segments exist
     * (the rebuild hands its position to them). A server's projector goes on and is overtaken by
     * the rebuild's swap.
     */
    private void stopProjector() throws InterruptedException {
        long deadline = System.nanoTime() + SEGMENTS_CREATED.toNanos();
        while (progress.segments(SongProjection.NAME).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        processing.eventProcessor(SongProjection.NAME).ifPresent(EventProcessor::shutDown);
    }

    /** Builds the songs projection from the event store; false when that could not be done (the reason printed). */
    private boolean rebuildSongs(PrintStream out, PrintStream err) throws InterruptedException {
        try {
            RebuildRecord result = RebuildWatch.run(rebuilds, SongProjection.NAME, out, err);
            return result != null && result.state() == RebuildState.DONE;
        } catch (RebuildRunningException e) {
            err.println("load-music: a rebuild of the songs projection is running already; waiting for the projectors");
            return false;
        }
    }

    private int awaitProjection(PrintStream out, PrintStream err, long started) throws InterruptedException {
        long head = progress.head();
        ProgressBar projecting = new ProgressBar("projecting", head, err);
        long lastPosition = -1;
        long lastMoved = System.nanoTime();
        while (!progress.hasCaughtUp(SongProjection.NAME, head)) {
            long position = progress.position(SongProjection.NAME).orElse(0);
            projecting.update(position);
            if (position != lastPosition) {
                lastPosition = position;
                lastMoved = System.nanoTime();
            } else if (System.nanoTime() - lastMoved > STALLED.toNanos()) {
                err.println();
                err.println("load-music: the songs projection has not moved for " + STALLED.toSeconds()
                        + " s; the import is stored and will show once the projection runs");
                return OK;
            }
            Thread.sleep(100);
        }
        projecting.finish();
        out.printf("Projected: the catalog is searchable (%.1f s in all)%n", (System.nanoTime() - started) / 1e9);
        return OK;
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
