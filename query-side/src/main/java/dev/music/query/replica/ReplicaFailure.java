package dev.music.query.replica;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.springframework.transaction.TransactionSystemException;

/**
 * What a failed read says of the replica it ran on, by the first SQL state in its causes: the
 * server is lost (the connection cut, the server shutting down, crashed or still starting), or the
 * server is well but cancelled the statement for a conflict with the WAL it replays. Any other
 * failure (a timeout, a bad statement) is the read's own, and would fail on the primary too.
 */
record ReplicaFailure(boolean serverLost, String message) {

    /** admin_shutdown, crash_shutdown, cannot_connect_now; class 08 is every connection exception. */
    private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03");

    /** What a hot standby cancels a read with when the WAL it replays needs what the read holds. */
    private static final Set<String> RECOVERY_CONFLICT = Set.of("40001", "40P01");

    static Optional<ReplicaFailure> of(Throwable failure) {
        // A read's failure that then failed its rollback too (the connection is gone) arrives as
        // the rollback's "connection is closed", which has no SQL state: the read's own says why.
        if (failure instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
            Optional<ReplicaFailure> read = of(rollback.getApplicationException());
            if (read.isPresent()) {
                return read;
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || SERVER_GONE.contains(state)) {
                    return Optional.of(new ReplicaFailure(true, sql.getMessage()));
                }
                if (RECOVERY_CONFLICT.contains(state)) {
                    return Optional.of(new ReplicaFailure(false, sql.getMessage()));
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
