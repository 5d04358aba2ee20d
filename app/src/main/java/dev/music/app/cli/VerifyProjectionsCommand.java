package dev.music.app.cli;

import dev.music.query.projection.ProjectionProgress;
import dev.music.query.projection.ProjectionVerifier;
import dev.music.query.song.SongProjection;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code verify-projections}: waits until the songs projection has caught up with the event
 * store, recounts from the events, and reports every difference. Exit 0 when equal.
 */
@Component
class VerifyProjectionsCommand extends CliCommand {

    static final About ABOUT = new About(
            "verify-projections", "verify-projections", "compare the read model with a recount of the event store");

    private static final Duration CATCH_UP = Duration.ofMinutes(5);

    private final ProjectionProgress progress;
    private final ProjectionVerifier verifier;

    VerifyProjectionsCommand(ProjectionProgress progress, ProjectionVerifier verifier) {
        super(ABOUT);
        this.progress = progress;
        this.verifier = verifier;
    }

    @Override
    protected int execute(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (!args.isEmpty()) {
            throw usage();
        }
        long head = progress.head();
        if (!progress.awaitCaughtUp(SongProjection.NAME, head, CATCH_UP)) {
            err.println("verify-projections: the songs projection has not reached event " + head + " within "
                    + CATCH_UP.toMinutes() + " minutes; is a node running its projectors?");
            return FAILED;
        }
        List<String> differences = verifier.differences();
        if (differences.isEmpty()) {
            out.println("songs projection equals a recount of the event store up to event " + head + " ("
                    + verifier.extent() + ")");
            return OK;
        }
        out.println("songs projection differs from the event store (up to event " + head + "):");
        differences.forEach(difference -> out.println("  " + difference));
        return FAILED;
    }
}
