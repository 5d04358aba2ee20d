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
class RebuildProjectionsCommand implements CliCommand {

    private final ProjectionRebuilds rebuilds;
    private final EventProcessingConfiguration processing;

    RebuildProjectionsCommand(ProjectionRebuilds rebuilds, EventProcessingConfiguration processing) {
        this.rebuilds = rebuilds;
        this.processing = processing;
    }

    @Override
    public String name() {
        return "rebuild-projections";
    }

    @Override
    public String usage() {
        return "rebuild-projections [NAME…]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<String> names = args.isEmpty() ? rebuilds.projections() : args;
        for (String name : names) {
            if (name.startsWith("-") || !rebuilds.exists(name)) {
                err.println("rebuild-projections: no projection named " + name + " (known: "
                        + String.join(", ", rebuilds.projections()) + ")");
                err.println("usage: " + usage());
                return 2;
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
        return failed.isEmpty() ? 0 : 1;
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
