package dev.music.query.rebuild;

/** A rebuild that cannot go on; the serving copy stays as it was. */
public class RebuildFailedException extends RuntimeException {

    public RebuildFailedException(String message) {
        super(message);
    }

    public RebuildFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
