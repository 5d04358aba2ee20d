package dev.music.query.rebuild;

/** A rebuild of the projection is running already, on this node or another. */
public class RebuildRunningException extends RuntimeException {

    private final transient RebuildRecord running;

    public RebuildRunningException(RebuildRecord running) {
        super("a rebuild of this projection is running already");
        this.running = running;
    }

    public RebuildRecord running() {
        return running;
    }
}
