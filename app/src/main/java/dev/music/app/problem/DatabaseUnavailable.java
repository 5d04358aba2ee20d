package dev.music.app.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Failures that say the database cannot serve right now (unreachable, restarting, no connection
 * free within the pool's wait, a statement or lock wait past its bound, a commit cut off), as
 * opposed to a fault of the request or of the code. They are answered 503 with
 * {@code Retry-After}: the client may simply try again; only a 2xx says that a change was made.
 */
public final class DatabaseUnavailable {

    public static final String DETAIL = "The database is unavailable at the moment; try again shortly.";
    /** Seconds a client is asked to wait before trying again. */
    public static final String RETRY_AFTER_SECONDS = "2";

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;
    private static final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    /**
     * SQL states: connection exceptions (08…), the server shutting down or starting (57P01–57P03),
     * a statement cancelled by its timeout (57014), a lock not granted in time (55P03), a deadlock
     * or serialization failure (40P01, 40001), a write on a server that is a standby (25006: during
     * a failover, on a URL without {@code targetServerType=primary}), and insufficient resources
     * (53…: connections, memory, disk).
     */
    private static final Set<String> STATES =
            Set.of("57P01", "57P02", "57P03", "57014", "55P03", "40P01", "40001", "25006");

    private DatabaseUnavailable() {}

    /** Whether this failure, or one of its causes, is the database being unavailable. */
    public static boolean isCause(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof ConnectException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof QueryTimeoutException
                    || cause instanceof PessimisticLockingFailureException
                    // a commit or rollback that failed: the connection went during it, the outcome is unknown
                    || cause instanceof TransactionSystemException) {
                return true;
            }
            if (cause instanceof SQLException sql && (unavailable(sql.getSQLState()) || closedByThePool(sql))) {
                return true;
            }
        }
        return false;
    }

    /** The pool's answer on a connection it has already closed because the server went: it has no SQL state. */
    private static boolean closedByThePool(SQLException failure) {
        return failure.getSQLState() == null && "Connection is closed".equals(failure.getMessage());
    }

    private static boolean unavailable(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || STATES.contains(state));
    }

    /** The headers of a 503 for it. */
    public static HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return headers;
    }

    /** Logs the failure, once every few seconds at most: an outage fails every request alike. */
    public static void log(String where, Throwable failure) {
        long last = lastLogged.get();
        long now = System.nanoTime();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            log.warn("Answering 503, the database is unavailable ({}): {}", where, root.toString());
        }
    }
}
