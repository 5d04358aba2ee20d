package dev.music.app.cli;

import dev.music.query.rebuild.ProjectionRebuilds;
import dev.music.query.rebuild.RebuildRecord;
import dev.music.query.rebuild.RebuildRunningException;
import dev.music.query.rebuild.RebuildState;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.stereotype.Component;

/**
 * {@code rebuild-projections [NAME…]}: rebuilds projections from the event store beside the
 * serving copies, which running servers go on answering from until the new copy takes over.
 * Shows the rebuild's progress and ETA on a terminal. Exit 0 when every rebuild succeeded.
 */
@Component
class RebuildProjectionsCommand extends CliCommand {

    static final About ABOUT = new About(
            "rebuild-projections",
            "rebuild-projections [NAME…]",
            "rebuild projections from the event store while serving");

    private final ProjectionRebuilds rebuilds;
    private final EventProcessingConfiguration processing;

    RebuildProjectionsCommand(ProjectionRebuilds rebuilds, EventProcessingConfiguration processing) {
        super(ABOUT);
        this.rebuilds = rebuilds;
        this.processing = processing;
    }

    @Override
    protected int execute(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<String> names = args.isEmpty() ? rebuilds.projections() : args;
        for (String name : names) {
            if (name.startsWith("-") || !rebuilds.exists(name)) {
                throw refusalWithUsage(
                        "no projection named " + name + " (known: " + String.join(", ", rebuilds.projections()) + ")");
            }
        }
        // This process only rebuilds: its own projectors would compete with the rebuild for the same events.
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        List<String> failed = new ArrayList<>();
        for (String name : names) {
            RebuildRecord result = rebuild(name, out, err);
            if (result == null || result.state() != RebuildState.DONE) {
                failed.add(name);
            }
        }
        return failed.isEmpty() ? OK : FAILED;
    }

    private RebuildRecord rebuild(String name, PrintStream out, PrintStream err) throws Exception {
        try {
            return RebuildWatch.run(rebuilds, name, out, err);
        } catch (RebuildRunningException e) {
            err.println("rebuild-projections: a rebuild of " + name + " is running already"
                    + (e.running() == null
                            ? ""
                            : " (started " + e.running().startedAt() + " on "
                                    + e.running().node() + ")"));
            return null;
        }
    }
}
